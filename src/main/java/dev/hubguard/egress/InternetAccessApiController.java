package dev.hubguard.egress;

import dev.hubguard.changes.ChangeRequestView;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.shared.ConflictException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The route rules have checked that the caller administers the hub. */
@RestController
class InternetAccessApiController {

	private final InternetAccess access;

	private final InternetAccessViews views;

	private final DestinationTester tester;

	InternetAccessApiController(InternetAccess access, InternetAccessViews views, DestinationTester tester) {
		this.tester = tester;
		this.access = access;
		this.views = views;
	}

	@GetMapping("/api/v1/hubs/{cluster}/{hub}/internet-access")
	InternetAccessView get(Authentication who, @PathVariable String cluster, @PathVariable String hub) {
		return views.view(who, views.hub(cluster, hub).ref());
	}

	/**
	 * Files a change request; answers 202 with it (already approved when it only reduces
	 * exposure).
	 */
	@PutMapping("/api/v1/hubs/{cluster}/{hub}/internet-access")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ChangeRequestView put(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@RequestBody InternetAccessForm form) {
		return access.request(who, views.hub(cluster, hub).ref(), form);
	}

	/**
	 * The effective-access report; with {@code destination} (an address or CIDR, and
	 * optionally {@code port} and {@code protocol}): that destination's verdict and the
	 * rule behind it.
	 */
	@GetMapping("/api/v1/hubs/{cluster}/{hub}/internet-access/effective")
	Object effective(@PathVariable String cluster, @PathVariable String hub,
			@RequestParam(required = false) String destination, @RequestParam(required = false) Integer port,
			@RequestParam(required = false) String protocol) {
		if (destination != null) {
			return tester.test(views.hub(cluster, hub), destination, port, protocol);
		}
		CatalogueHub found = views.hub(cluster, hub);
		List<DestinationTester.Explained> entries;
		try {
			entries = tester.entries(found);
		}
		catch (ConflictException ex) {
			// The cluster is still being read: the report says so.
			entries = List.of();
		}
		return new EffectiveAccessAnswer(views.effective(found), entries);
	}

}
