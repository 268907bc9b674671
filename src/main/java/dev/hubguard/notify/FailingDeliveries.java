package dev.hubguard.notify;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.shared.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages that kept failing, for staff: what, to whom, how often, the last error; and a
 * retry that puts one back in the queue.
 */
@Component
class FailingDeliveries {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	private final Wakeup wakeup;

	FailingDeliveries(JdbcClient jdbc, AuditLog audit, Clock clock, Wakeup wakeup) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.wakeup = wakeup;
	}

	/** A failing message as staff see it. */
	record FailingView(long id, String kind, String hub, String title, String recipient, String channel, int attempts,
			String lastError, Instant createdAt) {
	}

	List<FailingView> newest(int limit) {
		return jdbc.sql("""
				select d.id, e.kind, e.hub, e.title, d.recipient, d.channel, d.attempts, d.last_error, e.created_at
				from notify_deliveries d join notify_events e on e.id = d.event_id
				where d.state = 'failed' order by d.id desc limit :n""")
			.param("n", limit)
			.query((rs, i) -> new FailingView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getTimestamp(9).toInstant()))
			.list();
	}

	@Transactional
	void retry(long id, String by) {
		int updated = jdbc.sql("""
				update notify_deliveries set state = 'pending', attempts = 0, due_at = :now
				where id = :id and state = 'failed'""")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
		if (updated == 0) {
			throw new NotFoundException("No failing notification " + id + ".");
		}
		audit
			.record(AuditEvent.of(by, null, "notify.retried", "Put failing notification " + id + " back in the queue"));
		wakeup.wake();
	}

}
