package dev.hubguard.egress;

import dev.hubguard.changes.ChangeRequestView;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.InvalidInputException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The internet-access page of a hub; the route rules have checked that the caller
 * administers it.
 */
@Controller
class InternetAccessPageController {

	private final InternetAccess access;

	private final InternetAccessViews views;

	private final DestinationTester tester;

	InternetAccessPageController(InternetAccess access, InternetAccessViews views, DestinationTester tester) {
		this.access = access;
		this.views = views;
		this.tester = tester;
	}

	@GetMapping("/hubs/{cluster}/{hub}/internet-access")
	String page(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@RequestParam(required = false) String destination, @RequestParam(required = false) Integer port,
			@RequestParam(required = false) String protocol, Model model) {
		CatalogueHub found = views.hub(cluster, hub);
		model.addAttribute("testDestination", destination == null ? "" : destination);
		model.addAttribute("testPort", port == null ? 443 : port);
		model.addAttribute("testProtocol", protocol == null ? "TCP" : protocol);
		if (destination != null) {
			try {
				model.addAttribute("tested", tester.test(found, destination, port, protocol));
			}
			catch (InvalidInputException | ConflictException ex) {
				model.addAttribute("testError", ex.getMessage());
			}
		}
		try {
			model.addAttribute("entries", tester.entries(found));
		}
		catch (ConflictException ex) {
			model.addAttribute("entries", java.util.List.of());
		}

		InternetAccessView view = views.view(who, found.ref());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", InternetAccessPageForm.from(view.desired()));
		}
		model.addAttribute("hub", found.ref().toString());
		model.addAttribute("access", view);
		EffectiveAccessReport effective = views.effective(found);
		model.addAttribute("effective", effective);
		java.util.Map<String, String> reasons = new java.util.HashMap<>();
		effective.verdicts().forEach(row -> reasons.put(row.destination(), DestinationTester.human(row)));
		model.addAttribute("reasons", reasons);
		return "egress/internet-access";
	}

	@PostMapping("/hubs/{cluster}/{hub}/internet-access")
	String request(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			InternetAccessPageForm form, Model model, RedirectAttributes redirect) {
		CatalogueHub found = views.hub(cluster, hub);
		try {
			ChangeRequestView request = access.request(who, found.ref(), form.toForm());
			redirect.addFlashAttribute("notice",
					request.pending() ? "Request " + request.id() + " is waiting for staff approval."
							: "Applied at once as version " + request.appliedVersion() + ": it only reduces exposure.");
			return "redirect:/hubs/" + found.ref() + "/internet-access";
		}
		catch (InvalidInputException | ConflictException ex) {
			// Show the form again as it was sent, with what is wrong.
			model.addAttribute("form", form);
			model.addAttribute("formError", ex.getMessage());
			if (ex instanceof InvalidInputException invalid) {
				model.addAttribute("formErrorField", pageField(invalid.field()));
			}
			if (ex instanceof dev.hubguard.shared.OpenRequestException open) {
				model.addAttribute("openRequest", open.openRequest());
			}
			return page(who, cluster, hub, null, null, null, model);
		}
	}

	/**
	 * The page's field an error of the request's {@code field} belongs next to, or null.
	 */
	static String pageField(String field) {
		if (field == null) {
			return null;
		}
		if (field.startsWith("rules")) {
			return "allow-list";
		}
		return field.equals("justification") ? "justification" : null;
	}

}
