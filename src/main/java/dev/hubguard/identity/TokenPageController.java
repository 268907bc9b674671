package dev.hubguard.identity;

import dev.hubguard.shared.InvalidInputException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The page where people create and revoke their personal API tokens. */
@Controller
class TokenPageController {

	private final ApiTokens tokens;

	TokenPageController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/tokens")
	String list(Authentication authentication, Model model) {
		model.addAttribute("tokens", tokens.list((PortalAuthentication) authentication));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new TokenForm("", 90));
		}
		return "identity/tokens";
	}

	@PostMapping("/tokens")
	String create(Authentication authentication, TokenForm form, Model model) {
		PortalAuthentication owner = (PortalAuthentication) authentication;
		if (owner.viaApiToken()) {
			throw new InvalidInputException("token", "Tokens are created from a signed-in browser session.");
		}
		try {
			ApiTokens.CreatedToken created = tokens.create(owner, form.name(), form.lifetime());
			// Shown once, in this very response: never put in the session, where it would
			// be stored.
			model.addAttribute("created", created);
			model.addAttribute("form", new TokenForm("", 90));
			model.addAttribute("tokens", tokens.list(owner));
			return "identity/tokens";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("form", form);
			model.addAttribute("formError", ex.getMessage());
			model.addAttribute("tokens", tokens.list(owner));
			return "identity/tokens";
		}
	}

	@PostMapping("/tokens/{id}/revoke")
	String revoke(Authentication authentication, @PathVariable long id, RedirectAttributes redirect) {
		ApiTokenView revoked = tokens.revoke((PortalAuthentication) authentication, id);
		redirect.addFlashAttribute("notice", "Token '" + revoked.name() + "' is revoked.");
		return "redirect:/tokens";
	}

}
