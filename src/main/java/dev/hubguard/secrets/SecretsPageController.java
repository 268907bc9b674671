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

	/**
	 * The page; with {@code replace}, its form replaces that secret (the page carries its
	 * name and version, and keeps its description and date unless edited).
	 */
	@GetMapping("/hubs/{cluster}/{hub}/secrets")
	String page(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@RequestParam(name = "replace", required = false) String replace, Model model) {
		CatalogueHub found = pages.hub(cluster, hub);
		SecretsPageView view = pages.withHistory(found);
		SecretView replacing = view.secrets().stream().filter(s -> s.name().equals(replace)).findFirst().orElse(null);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form",
					replacing == null ? SecretPageForm.empty() : SecretPageForm.replacing(replacing));
		}
		model.addAttribute("replacing", replacing);
		model.addAttribute("hub", found.ref().toString());
		model.addAttribute("page", view);
		model.addAttribute("staff", access.isStaff(who));
		return "secrets/secrets";
	}

	String page(Authentication who, String cluster, String hub, Model model) {
		return page(who, cluster, hub, null, model);
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
			// Shown again with everything typed but the value: it never goes back to the
			// browser.
			SecretFailure failure = SecretFailure.ofSet(ex, form, secrets.list(ref));
			model.addAttribute("form", failure.form());
			model.addAttribute("formError", failure.message());
			model.addAttribute("formErrorField", failure.field());
			return page(who, cluster, hub, failure.form().ifMatch() == null ? null : form.name(), model);
		}
	}

	@PostMapping("/hubs/{cluster}/{hub}/secrets/{name}/delete")
	String delete(Authentication who, @PathVariable String cluster, @PathVariable String hub, @PathVariable String name,
			@RequestParam(name = "ifMatch", required = false) Integer ifMatch, Model model,
			RedirectAttributes redirect) {
		HubRef ref = pages.hub(cluster, hub).ref();
		Secrets.Outcome outcome;
		try {
			outcome = secrets.delete(who, ref, name, ifMatch);
		}
		catch (ConflictException | NotFoundException ex) {
			model.addAttribute("formError", SecretFailure.ofDelete(ex, name, secrets.list(ref)).message());
			return page(who, cluster, hub, model);
		}
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
