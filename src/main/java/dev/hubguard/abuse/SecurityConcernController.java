package dev.hubguard.abuse;

import dev.hubguard.shared.InvalidInputException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class SecurityConcernController {

	private final SecurityConcerns concerns;

	SecurityConcernController(SecurityConcerns concerns) {
		this.concerns = concerns;
	}

	@GetMapping("/security-concern")
	String form() {
		return "abuse/concern";
	}

	@PostMapping("/security-concern")
	String file(Authentication who, @RequestParam(required = false) String hub,
			@RequestParam(required = false) String summary, @RequestParam(required = false) String details,
			Model model) {
		try {
			model.addAttribute("filed", concerns.file(who, hub, summary, details));
		}
		catch (InvalidInputException | IllegalArgumentException ex) {
			model.addAttribute("problem", ex.getMessage());
			model.addAttribute("hub", hub);
			model.addAttribute("summary", summary);
			model.addAttribute("details", details);
		}
		return "abuse/concern";
	}

}
