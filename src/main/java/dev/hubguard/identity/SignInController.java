package dev.hubguard.identity;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class SignInController {

	private final SignInProviders providers;

	SignInController(SignInProviders providers) {
		this.providers = providers;
	}

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, Model model) {
		model.addAttribute("providers",
				providers.all().stream().map(p -> new ProviderView(p.id(), p.label())).toList());
		model.addAttribute("failed", error != null);
		return "identity/login";
	}

	@GetMapping("/signed-out")
	String signedOut() {
		return "identity/signed-out";
	}

	record ProviderView(String id, String label) {

		public String href() {
			return "/oauth2/authorization/" + id;
		}

	}

}
