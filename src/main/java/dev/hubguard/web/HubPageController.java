package dev.hubguard.web;

import dev.hubguard.cluster.Reconciler;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.isolation.IsolationViews;
import dev.hubguard.secrets.SecretsPages;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A hub's overview; the route rules have already checked that the caller administers it.
 */
@Controller
class HubPageController {

	private final HubCatalogue catalogue;

	private final Reconciler reconciler;

	private final Access access;

	private final SecretsPages secrets;

	private final IsolationViews isolation;

	HubPageController(HubCatalogue catalogue, Reconciler reconciler, Access access, SecretsPages secrets,
			IsolationViews isolation) {
		this.catalogue = catalogue;
		this.reconciler = reconciler;
		this.access = access;
		this.secrets = secrets;
		this.isolation = isolation;
	}

	@GetMapping("/hubs/{cluster}/{hub}")
	String hub(@PathVariable String cluster, @PathVariable String hub, Authentication who, Model model) {
		HubRef ref = new HubRef(cluster, hub);
		if (catalogue.find(ref).isEmpty() && access.isStaff(who)) {
			// Staff see a hub in its grace period after leaving the catalogue, and when
			// its objects go.
			var retiring = reconciler.retiring().stream().filter(r -> r.hub().equals(ref)).findFirst();
			if (retiring.isPresent()) {
				model.addAttribute("retired", DashboardController.RetiringView.of(retiring.get()));
				return "web/retired-hub";
			}
		}
		CatalogueHub found = catalogue.require(ref);
		model.addAttribute("hub", HubView.of(found));
		model.addAttribute("secrets", secrets.summary(found));
		model.addAttribute("isolation", isolation.summary(found));
		return "web/hub";
	}

}
