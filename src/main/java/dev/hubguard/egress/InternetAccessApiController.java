package dev.hubguard.egress;

import dev.hubguard.changes.ChangeRequestView;
import dev.hubguard.changes.ChangeRequests;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The route rules have checked that the caller administers the hub. */
@RestController
class InternetAccessApiController {

	private final InternetAccess access;

	private final EffectiveAccess effective;

	private final HubCatalogue catalogue;

	private final ChangeRequests changes;

	private final Reconciler reconciler;

	InternetAccessApiController(InternetAccess access, EffectiveAccess effective, HubCatalogue catalogue,
			ChangeRequests changes, Reconciler reconciler) {
		this.access = access;
		this.effective = effective;
		this.catalogue = catalogue;
		this.changes = changes;
		this.reconciler = reconciler;
	}

	@GetMapping("/api/v1/hubs/{cluster}/{hub}/internet-access")
	InternetAccessView get(Authentication who, @PathVariable String cluster, @PathVariable String hub) {
		HubRef ref = hub(cluster, hub).ref();
		return view(who, ref, access, changes, reconciler);
	}

	/**
	 * Files a change request; answers 202 with it (already approved when it only reduces
	 * exposure).
	 */
	@PutMapping("/api/v1/hubs/{cluster}/{hub}/internet-access")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ChangeRequestView put(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@RequestBody InternetAccessForm form) {
		return access.request(who, hub(cluster, hub).ref(), form);
	}

	@GetMapping("/api/v1/hubs/{cluster}/{hub}/internet-access/effective")
	EffectiveAccessReport effective(@PathVariable String cluster, @PathVariable String hub) {
		return effective.evaluate(hub(cluster, hub));
	}

	static InternetAccessView view(Authentication who, HubRef ref, InternetAccess access, ChangeRequests changes,
			Reconciler reconciler) {
		InternetAccessView.Desired desired = access.desired(ref)
			.map(v -> new InternetAccessView.Desired(v.number(), v.policy(), v.policy().summary(), v.createdAt(),
					v.createdBy(), v.changeRequestId()))
			.orElse(null);
		return new InternetAccessView(ref.toString(), desired, reconciler.status(ref),
				changes.list(who, null, ref, 20).stream().filter(r -> r.kind().equals(InternetAccess.KIND)).toList());
	}

	private CatalogueHub hub(String cluster, String hub) {
		HubRef ref = new HubRef(cluster, hub);
		return catalogue.find(ref).orElseThrow(() -> new NotFoundException("No hub " + ref + " is in the catalogue."));
	}

}
