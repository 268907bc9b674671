package dev.hubguard.web;

import dev.hubguard.abuse.AbuseReports;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.egress.InternetAccess;
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

	private final InternetAccess internetAccess;

	private final Reconciler reconciler;

	private final AbuseReports abuse;

	DashboardController(Access access, HubCatalogue catalogue, InternetAccess internetAccess, Reconciler reconciler,
			AbuseReports abuse) {
		this.access = access;
		this.catalogue = catalogue;
		this.internetAccess = internetAccess;
		this.reconciler = reconciler;
		this.abuse = abuse;
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
		model.addAttribute("access", internetAccess.summaries());
		model.addAttribute("sync", reconciler.statusByHub());
		model.addAttribute("openReports", abuse.openCounts());
		return "web/dashboard";
	}

}
