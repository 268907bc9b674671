package dev.hubguard.web;

import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.secrets.SecretsPages;
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

	private final SecretsPages secrets;

	HubPageController(HubCatalogue catalogue, SecretsPages secrets) {
		this.catalogue = catalogue;
		this.secrets = secrets;
	}

	@GetMapping("/hubs/{cluster}/{hub}")
	String hub(@PathVariable String cluster, @PathVariable String hub, Model model) {
		HubRef ref = new HubRef(cluster, hub);
		model.addAttribute("hub", HubView.of(catalogue.require(ref)));
		model.addAttribute("secrets", secrets.summary(catalogue.require(ref)));
		return "web/hub";
	}

}
