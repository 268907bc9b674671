package dev.hubguard.notify;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.hubguard.shared.PageLink;

/** The caller's own notifications: newest first, paged like every list. */
@RestController
class NotificationsApiController {

	private final Notifications notifications;

	NotificationsApiController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/api/v1/me/notifications")
	ResponseEntity<List<Inbox.NotificationView>> list(Authentication who, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		Inbox.Page page = notifications.page(who, cursor, limit);
		var answer = ResponseEntity.ok().header("X-Unread-Count", String.valueOf(notifications.unread(who)));
		if (page.next() != null) {
			answer.header(HttpHeaders.LINK, PageLink.next(page.next()));
		}
		return answer.body(page.notifications());
	}

	@PostMapping("/api/v1/me/notifications/{id}/read")
	Map<String, Object> read(Authentication who, @PathVariable long id) {
		notifications.markRead(who, id);
		return Map.of("id", id, "read", true, "unread", notifications.unread(who));
	}

}
