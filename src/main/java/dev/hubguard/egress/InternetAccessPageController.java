package dev.hubguard.egress;

import dev.hubguard.changes.ChangeRequestView;
import dev.hubguard.changes.ChangeRequests;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class InternetAccessPageController {

	private final InternetAccess access;

	private final EffectiveAccess effective;

	private final HubCatalogue catalogue;

	private final ChangeRequests changes;

	private final Reconciler reconciler;

	InternetAccessPageController(InternetAccess access, EffectiveAccess effective, HubCatalogue catalogue,
			ChangeRequests changes, Reconciler reconciler) {
		this.access = access;
		this.effective = effective;
		this.catalogue = catalogue;
		this.changes = changes;
		this.reconciler = reconciler;
	}

	@GetMapping("/hubs/{cluster}/{hub}/internet-access")
	String page(Authentication who, @PathVariable String cluster, @PathVariable String hub, Model model) {
		CatalogueHub found = hub(cluster, hub);
		InternetAccessView view = InternetAccessApiController.view(who, found.ref(), access, changes, reconciler);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", InternetAccessPageForm.from(view.desired()));
		}
		model.addAttribute("hub", found.ref().toString());
		model.addAttribute("access", view);
		model.addAttribute("effective", effective.evaluate(found));
		return "egress/internet-access";
	}

	@PostMapping("/hubs/{cluster}/{hub}/internet-access")
	String request(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			InternetAccessPageForm form, Model model, RedirectAttributes redirect) {
		CatalogueHub found = hub(cluster, hub);
		try {
			ChangeRequestView request = access.request(who, found.ref(), form.toForm());
			redirect.addFlashAttribute("notice",
					request.pending() ? "Request " + request.id() + " is waiting for staff approval."
							: "Applied at once as version " + request.appliedVersion() + ": it only reduces exposure.");
			return "redirect:/hubs/" + found.ref() + "/internet-access";
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("form", form);
			model.addAttribute("formError", ex.getMessage());
			page(who, cluster, hub, model);
			model.addAttribute("form", form);
			return "egress/internet-access";
		}
	}

	private CatalogueHub hub(String cluster, String hub) {
		HubRef ref = new HubRef(cluster, hub);
		return catalogue.find(ref).orElseThrow(() -> new NotFoundException("No hub " + ref + " is in the catalogue."));
	}

}
