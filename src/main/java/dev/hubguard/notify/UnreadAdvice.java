package dev.hubguard.notify;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The header's unread count: one primary-key read of the number kept per person, never a
 * count over the notifications.
 */
@ControllerAdvice(annotations = Controller.class)
class UnreadAdvice {

	private final Notifications notifications;

	UnreadAdvice(Notifications notifications) {
		this.notifications = notifications;
	}

	@ModelAttribute("unreadNotifications")
	Integer unread(HttpServletRequest request) {
		if (request.getRequestURI().startsWith("/api/")) {
			return null;
		}
		return notifications.unread(SecurityContextHolder.getContext().getAuthentication());
	}

}
