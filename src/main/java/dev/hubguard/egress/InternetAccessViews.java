package dev.hubguard.egress;

import dev.hubguard.changes.ChangeRequests;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** What the page and the API both show of a hub's internet access. */
@Component
class InternetAccessViews {

	private final InternetAccess access;

	private final EffectiveAccess effective;

	private final HubCatalogue catalogue;

	private final ChangeRequests changes;

	private final Reconciler reconciler;

	InternetAccessViews(InternetAccess access, EffectiveAccess effective, HubCatalogue catalogue,
			ChangeRequests changes, Reconciler reconciler) {
		this.access = access;
		this.effective = effective;
		this.catalogue = catalogue;
		this.changes = changes;
		this.reconciler = reconciler;
	}

	CatalogueHub hub(String cluster, String hub) {
		HubRef ref = new HubRef(cluster, hub);
		return catalogue.require(ref);
	}

	InternetAccessView view(Authentication who, HubRef ref) {
		InternetAccessView.Desired desired = access.desired(ref)
			.map(v -> new InternetAccessView.Desired(v.number(), v.policy(), v.policy().summary(), v.createdAt(),
					v.createdBy(), v.changeRequestId()))
			.orElse(null);
		return new InternetAccessView(ref.toString(), desired, reconciler.status(ref),
				changes.list(who, null, ref, 20).stream().filter(r -> r.kind().equals(InternetAccess.KIND)).toList());
	}

	EffectiveAccessReport effective(CatalogueHub hub) {
		return effective.evaluate(hub);
	}

}
