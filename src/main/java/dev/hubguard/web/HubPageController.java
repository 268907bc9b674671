package dev.hubguard.web;

import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubRef;
import dev.hubguard.isolation.IsolationViews;
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

	private final IsolationViews isolation;

	HubPageController(HubCatalogue catalogue, IsolationViews isolation) {
		this.catalogue = catalogue;
		this.isolation = isolation;
	}

	@GetMapping("/hubs/{cluster}/{hub}")
	String hub(@PathVariable String cluster, @PathVariable String hub, Model model) {
		HubRef ref = new HubRef(cluster, hub);
		CatalogueHub found = catalogue.require(ref);
		model.addAttribute("hub", HubView.of(found));
		model.addAttribute("isolation", isolation.summary(found));
		return "web/hub";
	}

}
