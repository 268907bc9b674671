package dev.hubguard.notify;

import dev.hubguard.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Unsubscribing from one kind of email without signing in. The link's GET only shows a
 * confirmation with a button (mail scanners follow links); the POST, from that button or
 * from the mail client's one-click (RFC 8058), turns that kind off for that address.
 */
@Controller
class UnsubscribeController {

	private final UnsubscribeTokens tokens;

	private final Preferences preferences;

	UnsubscribeController(UnsubscribeTokens tokens, Preferences preferences) {
		this.tokens = tokens;
		this.preferences = preferences;
	}

	@GetMapping("/unsubscribe")
	String confirm(@RequestParam(required = false) String token, Model model) {
		UnsubscribeTokens.Subscription subscription = read(token);
		model.addAttribute("token", token);
		model.addAttribute("kind", subscription.kind().label());
		model.addAttribute("done", false);
		return "notify/unsubscribe";
	}

	@PostMapping("/unsubscribe")
	String unsubscribe(@RequestParam(required = false) String token, Model model) {
		UnsubscribeTokens.Subscription subscription = read(token);
		preferences.set(subscription.person(), subscription.kind(), subscription.channel(), NoticeKind.Mode.OFF,
				subscription.person(), "Unsubscribed by the link in an email");
		model.addAttribute("token", token);
		model.addAttribute("kind", subscription.kind().label());
		model.addAttribute("done", true);
		return "notify/unsubscribe";
	}

	private UnsubscribeTokens.Subscription read(String token) {
		return tokens.read(token)
			.orElseThrow(() -> new InvalidInputException("token",
					"This unsubscribe link is not one Hubguard sent (or it was cut short): use the whole link "
							+ "from the email, or choose what you get on your notification settings page."));
	}

}
