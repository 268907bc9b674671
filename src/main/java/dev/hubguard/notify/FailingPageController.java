package dev.hubguard.notify;

import dev.hubguard.identity.Access;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import java.util.List;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff's list of notifications that could not be sent, with a retry button each, and who
 * gets what for a hub.
 */
@Controller
class FailingPageController {

	private final FailingDeliveries failing;

	private final WhoGetsWhat whoGetsWhat;

	FailingPageController(FailingDeliveries failing, WhoGetsWhat whoGetsWhat) {
		this.failing = failing;
		this.whoGetsWhat = whoGetsWhat;
	}

	@GetMapping("/staff/notifications")
	String list(@RequestParam(required = false) String hub, Model model) {
		model.addAttribute("failing", failing.newest(200));
		model.addAttribute("hub", hub);
		model.addAttribute("kinds", hub == null || hub.isBlank() ? List.of() : whoGetsWhat.forHub(hub));
		return "notify/failing";
	}

	@PostMapping("/staff/notifications/{id}/retry")
	String retry(Authentication who, @PathVariable long id, RedirectAttributes redirect) {
		failing.retry(id, Access.handle(who));
		redirect.addFlashAttribute("notice", "Notification " + id + " is queued again.");
		return "redirect:/staff/notifications";
	}

}
