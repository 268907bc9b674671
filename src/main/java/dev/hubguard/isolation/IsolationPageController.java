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
		IsolationView page = views.page(found, staff, cursor, limit);
		model.addAttribute("report", page);
		model.addAttribute("worst", WorstFirst.of(page.checks()));
		model.addAttribute("usersLimit", limit);
		model.addAttribute("staff", staff);
		model.addAttribute("probeEnabled", probe.enabled(found));
		model.addAttribute("allChecks", Checks.ALL);
		return "isolation/hub";
	}

	@GetMapping("/staff/isolation")
	String matrix(@RequestParam(required = false) String cluster, @RequestParam(required = false) String check,
			@RequestParam(defaultValue = "false") boolean failing, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String exempt, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, Model model) {
		MatrixFilter filter = new MatrixFilter(cluster, check, failing, sort);
		model.addAttribute("matrix", views.matrix(filter, cursor, limit, "/staff/isolation"));
		model.addAttribute("allChecks", Checks.ALL);
		model.addAttribute("cellExemption", views.cellExemption(exempt).orElse(null));
		model.addAttribute("today", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
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

	/**
	 * Grants an exemption; back to the hub's page, or (from a matrix cell) to the matrix
	 * as it was filtered and sorted.
	 */
	@PostMapping("/staff/isolation/exemptions")
	String exempt(Authentication who, ExemptionForm form, @RequestParam(required = false) String from,
			@RequestParam(required = false) String matrixCluster, @RequestParam(required = false) String matrixCheck,
			@RequestParam(defaultValue = "false") boolean matrixFailing,
			@RequestParam(required = false) String matrixSort) {
		Exemption granted = exemptions.grant(Access.handle(who), form);
		if ("matrix".equals(from)) {
			MatrixFilter back = new MatrixFilter(catalogueHasCluster(matrixCluster) ? matrixCluster : null,
					matrixCheck != null && Checks.find(matrixCheck).isPresent() ? matrixCheck : null, matrixFailing,
					MatrixFilter.BY_CRITICAL.equals(matrixSort) ? matrixSort : null);
			return "redirect:/staff/isolation" + back.query(back.onlyFailing());
		}
		return "redirect:/hubs/" + granted.hub() + "/isolation#exemptions";
	}

	private boolean catalogueHasCluster(String cluster) {
		return cluster != null && catalogue.hubs().stream().anyMatch(h -> h.ref().cluster().equals(cluster));
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
