package dev.hubguard.isolation;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The hub's isolation page (its admins and staff), the staff matrix and CSV, and staff's
 * exemptions; the route rules decide who reaches which.
 */
@Controller
class IsolationPageController {

	private final HubCatalogue catalogue;

	private final IsolationViews views;

	private final Exemptions exemptions;

	private final Access access;

	private final NetworkProbe probe;

	IsolationPageController(HubCatalogue catalogue, IsolationViews views, Exemptions exemptions, Access access,
			NetworkProbe probe) {
		this.probe = probe;
		this.catalogue = catalogue;
		this.views = views;
		this.exemptions = exemptions;
		this.access = access;
	}

	@GetMapping("/hubs/{cluster}/{hub}/isolation")
	String hub(@PathVariable String cluster, @PathVariable String hub, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, Authentication who, Model model) {
		boolean staff = access.isStaff(who);
		CatalogueHub found = catalogue.require(new HubRef(cluster, hub));
		model.addAttribute("report", views.page(found, staff, cursor, limit));
		model.addAttribute("usersLimit", limit);
		model.addAttribute("staff", staff);
		model.addAttribute("probeEnabled", probe.enabled(found));
		model.addAttribute("allChecks", Checks.ALL);
		return "isolation/hub";
	}

	@GetMapping("/staff/isolation")
	String matrix(@RequestParam(required = false) String cluster, @RequestParam(required = false) String check,
			@RequestParam(defaultValue = "false") boolean failing, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, Model model) {
		model.addAttribute("matrix",
				views.matrix(new MatrixFilter(cluster, check, failing), cursor, limit, "/staff/isolation"));
		model.addAttribute("allChecks", Checks.ALL);
		return "isolation/matrix";
	}

	@GetMapping("/staff/isolation.csv")
	ResponseEntity<String> csv(@RequestParam(required = false) String cluster,
			@RequestParam(required = false) String check, @RequestParam(defaultValue = "false") boolean failing) {
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"hubguard-isolation.csv\"")
			.body(views.csv(new MatrixFilter(cluster, check, failing)));
	}

	@PostMapping("/staff/isolation/exemptions")
	String exempt(Authentication who, ExemptionForm form) {
		Exemption granted = exemptions.grant(Access.handle(who), form);
		return "redirect:/hubs/" + granted.hub() + "/isolation#exemptions";
	}

	/** Starts the active network probe for a hub; its result shows on the hub's page. */
	@PostMapping("/staff/isolation/probes")
	String runProbe(Authentication who, @RequestParam String hub) {
		CatalogueHub found = catalogue.require(HubRef.parse(hub));
		probe.start(found, Access.handle(who));
		return "redirect:/hubs/" + found.ref() + "/isolation#network.probe";
	}

	@PostMapping("/staff/isolation/exemptions/{id}/revoke")
	String revoke(Authentication who, @PathVariable long id, @RequestParam(required = false) String hub) {
		exemptions.revoke(Access.handle(who), id);
		return hub != null && catalogueHas(hub) ? "redirect:/hubs/" + hub + "/isolation#exemptions"
				: "redirect:/staff/isolation";
	}

	private boolean catalogueHas(String hub) {
		try {
			return catalogue.find(HubRef.parse(hub)).isPresent();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
