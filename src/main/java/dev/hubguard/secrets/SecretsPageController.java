package dev.hubguard.secrets;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A hub's secrets page; the route rules have checked that the caller administers the hub
 * (or, under {@code /staff}, is staff).
 */
@Controller
class SecretsPageController {

	private final Secrets secrets;

	private final SecretsPages pages;

	private final KeyRotation rotation;

	private final Access access;

	private final AllowedNames allowedNames;

	SecretsPageController(Secrets secrets, SecretsPages pages, KeyRotation rotation, Access access,
			AllowedNames allowedNames) {
		this.secrets = secrets;
		this.allowedNames = allowedNames;
		this.pages = pages;
		this.rotation = rotation;
		this.access = access;
	}

	@GetMapping("/hubs/{cluster}/{hub}/secrets")
	String page(Authentication who, @PathVariable String cluster, @PathVariable String hub, Model model) {
		CatalogueHub found = pages.hub(cluster, hub);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", SecretPageForm.empty());
		}
		model.addAttribute("hub", found.ref().toString());
		model.addAttribute("page", pages.view(found));
		model.addAttribute("staff", access.isStaff(who));
		return "secrets/secrets";
	}

	@PostMapping("/hubs/{cluster}/{hub}/secrets")
	String set(Authentication who, @PathVariable String cluster, @PathVariable String hub, SecretPageForm form,
			@RequestParam(name = "file", required = false) MultipartFile file, Model model, RedirectAttributes redirect)
			throws IOException {
		HubRef ref = pages.hub(cluster, hub).ref();
		try {
			byte[] upload = file == null || file.isEmpty() ? null : file.getBytes();
			Secrets.Outcome outcome = secrets.set(who, ref, form.name() == null ? "" : form.name().strip(),
					form.toForm(upload), form.ifMatch());
			redirect.addFlashAttribute("notice",
					outcome.request() != null
							? "Request " + outcome.request().id() + " is waiting for staff approval; the value is kept "
									+ "encrypted until then."
							: "Saved " + outcome.secret().name() + " (version " + outcome.secret().version() + ").");
			return "redirect:/hubs/" + ref + "/secrets";
		}
		catch (InvalidInputException | ConflictException | NotFoundException ex) {
			// Shown again without the value: it never goes back to the browser.
			model.addAttribute("form", form.withoutValue());
			model.addAttribute("formError", ex.getMessage());
			return page(who, cluster, hub, model);
		}
	}

	@PostMapping("/hubs/{cluster}/{hub}/secrets/{name}/delete")
	String delete(Authentication who, @PathVariable String cluster, @PathVariable String hub, @PathVariable String name,
			@RequestParam(name = "ifMatch", required = false) Integer ifMatch, RedirectAttributes redirect) {
		HubRef ref = pages.hub(cluster, hub).ref();
		Secrets.Outcome outcome = secrets.delete(who, ref, name, ifMatch);
		redirect.addFlashAttribute("notice",
				outcome.request() != null ? "Request " + outcome.request().id() + " is waiting for staff approval."
						: "Deleted " + name + "; its value is destroyed.");
		return "redirect:/hubs/" + ref + "/secrets";
	}

	@PostMapping("/staff/hubs/{cluster}/{hub}/secrets-approval")
	String approval(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@RequestParam(name = "needsApproval", required = false) Boolean needsApproval,
			RedirectAttributes redirect) {
		if (needsApproval == null) {
			throw new InvalidInputException("needsApproval", "Say whether the hub's secrets need approval.");
		}
		HubRef ref = pages.hub(cluster, hub).ref();
		secrets.requireApproval(who, ref, needsApproval);
		redirect.addFlashAttribute("notice", needsApproval ? "Secret changes on " + ref + " now need approval."
				: "Secret changes on " + ref + " now apply at once.");
		return "redirect:/hubs/" + ref + "/secrets";
	}

	@PostMapping("/staff/hubs/{cluster}/{hub}/secret-names")
	String allowName(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "reason", required = false) String reason, Model model, RedirectAttributes redirect) {
		HubRef ref = pages.hub(cluster, hub).ref();
		try {
			AllowedNames.Allowance allowance = allowedNames.allow(who, ref, name, reason);
			redirect.addFlashAttribute("notice", "The hub's admins may now set a variable " + allowance.name() + ".");
			return "redirect:/hubs/" + ref + "/secrets";
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("allowError", ex.getMessage());
			model.addAttribute("allowName", name);
			model.addAttribute("allowReason", reason);
			return page(who, cluster, hub, model);
		}
	}

	@PostMapping("/staff/hubs/{cluster}/{hub}/secret-names/{name}/refuse")
	String refuseName(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@PathVariable String name, Model model, RedirectAttributes redirect) {
		HubRef ref = pages.hub(cluster, hub).ref();
		try {
			allowedNames.revoke(who, ref, name);
		}
		catch (ConflictException ex) {
			model.addAttribute("allowError", ex.getMessage());
			return page(who, cluster, hub, model);
		}
		redirect.addFlashAttribute("notice", name + " is refused on " + ref + " again.");
		return "redirect:/hubs/" + ref + "/secrets";
	}

	@PostMapping("/staff/secrets/rewrap")
	String rewrap(Authentication who, RedirectAttributes redirect) {
		KeyRotation.Report report = rotation.rewrapAll(Access.handle(who));
		redirect.addFlashAttribute("notice",
				"Re-wrapped " + report.rewrapped() + " values under KEK " + report.primary() + " " + report.fromKeks()
						+ "; " + report.alreadyPrimary() + " were already under it; " + report.resealed()
						+ " were re-sealed in the current format; " + report.failed() + " failed (" + report.millis()
						+ " ms).");
		return "redirect:/";
	}

}
