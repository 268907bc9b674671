package dev.hubguard.notify;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.identity.Access;
import dev.hubguard.shared.NotFoundException;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The signed-in person's inbox: only ever their own notifications. */
@Service
class Notifications {

	private final Inbox inbox;

	private final AuditLog audit;

	private final Clock clock;

	Notifications(Inbox inbox, AuditLog audit, Clock clock) {
		this.inbox = inbox;
		this.audit = audit;
		this.clock = clock;
	}

	Inbox.Page page(Authentication who, String cursor, Integer limit) {
		return inbox.page(Access.handle(who), cursor, limit);
	}

	int unread(Authentication who) {
		return Access.identity(who).map(identity -> inbox.unread(identity.handle())).orElse(0);
	}

	@Transactional
	void markRead(Authentication who, long id) {
		String person = Access.handle(who);
		if (inbox.markRead(person, id, clock.instant())) {
			audit.record(AuditEvent.of(person, null, "notify.read", "Marked notification " + id + " read"));
		}
		else if (!inbox.isOwn(person, id)) {
			throw new NotFoundException("No notification " + id + " is yours.");
		}
	}

	@Transactional
	int markAllRead(Authentication who) {
		String person = Access.handle(who);
		int marked = inbox.markAllRead(person, clock.instant());
		if (marked > 0) {
			audit.record(AuditEvent.of(person, null, "notify.read", "Marked " + marked + " notifications read"));
		}
		return marked;
	}

}
