package dev.hubguard.web;

import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HubApiController {

	private final Access access;

	private final HubCatalogue catalogue;

	HubApiController(Access access, HubCatalogue catalogue) {
		this.access = access;
		this.catalogue = catalogue;
	}

	/**
	 * The hubs the caller may see: all for staff, their own for hub admins, none for
	 * anybody else.
	 */
	@GetMapping("/api/v1/hubs")
	List<HubView> hubs(Authentication authentication) {
		return access.visibleHubs(authentication).stream().map(HubView::of).toList();
	}

	@GetMapping("/api/v1/hubs/{cluster}/{hub}")
	HubView hub(@PathVariable String cluster, @PathVariable String hub) {
		HubRef ref = new HubRef(cluster, hub);
		return HubView.of(catalogue.require(ref));
	}

	@GetMapping("/api/v1/me")
	MeView me(Authentication authentication) {
		var identity = Access.identity(authentication).orElseThrow();
		var visible = access.visibleHubs(authentication);
		return new MeView(identity.handle(), identity.displayName(), identity.provider().id(),
				access.role(authentication, visible).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
				visible.size());
	}

}
