package dev.hubguard.web;

import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.identity.Access;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class DashboardController {

	private final Access access;

	private final HubCatalogue catalogue;

	DashboardController(Access access, HubCatalogue catalogue) {
		this.access = access;
		this.catalogue = catalogue;
	}

	@GetMapping("/")
	String dashboard(Authentication authentication, Model model) {
		List<HubView> hubs = access.visibleHubs(authentication).stream().map(HubView::of).toList();
		Map<String, List<HubView>> byCluster = hubs.stream()
			.collect(Collectors.groupingBy(HubView::cluster, TreeMap::new, Collectors.toList()));
		model.addAttribute("hubsByCluster", byCluster);
		model.addAttribute("hubCount", hubs.size());
		model.addAttribute("staff", access.isStaff(authentication));
		model.addAttribute("clusterCount", catalogue.clusters().size());
		return "web/dashboard";
	}

}
