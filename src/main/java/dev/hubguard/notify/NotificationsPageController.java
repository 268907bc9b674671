package dev.hubguard.notify;

import dev.hubguard.identity.Access;
import dev.hubguard.shared.PageLink;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A person's notifications page: newest first, a page at a time; mark as read. */
@Controller
class NotificationsPageController {

	private final Notifications notifications;

	NotificationsPageController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/notifications")
	String list(Authentication who, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, Model model) {
		Inbox.Page page = notifications.page(who, cursor, limit);
		model.addAttribute("notifications", page.notifications());
		model.addAttribute("nextLink", page.next() == null ? null : PageLink.withCursor(page.next()));
		model.addAttribute("firstLink", cursor == null || cursor.isBlank() ? null : PageLink.withCursor(null));
		model.addAttribute("handle", Access.handle(who));
		return "notify/notifications";
	}

	@PostMapping("/notifications/{id}/read")
	String read(Authentication who, @PathVariable long id) {
		notifications.markRead(who, id);
		return "redirect:/notifications";
	}

	@PostMapping("/notifications/read-all")
	String readAll(Authentication who, RedirectAttributes redirect) {
		int marked = notifications.markAllRead(who);
		redirect.addFlashAttribute("notice",
				marked == 1 ? "1 notification marked read." : marked + " notifications marked read.");
		return "redirect:/notifications";
	}

}
