package dev.hubguard.notify;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a notice in the caller's transaction: one insert, nothing else on the request
 * path. When that transaction commits, this replica's sender is woken.
 */
@Component
class Outbox {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Wakeup wakeup;

	Outbox(JdbcClient jdbc, Clock clock, Wakeup wakeup) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.wakeup = wakeup;
	}

	void record(Notice notice) {
		jdbc.sql("""
				insert into notify_events (kind, hub, topic, actor, target, severity, title, body, link, dedup_key,
				    created_at)
				values (:kind, :hub, :topic, :actor, :target, :severity, :title, :body, :link, :dedup, :at)
				on conflict (dedup_key) do nothing""")
			.param("kind", notice.kind().id())
			.param("hub", notice.hub())
			.param("topic", notice.topic())
			.param("actor", notice.actor())
			.param("target", notice.target())
			.param("severity", notice.severity())
			.param("title", notice.title())
			.param("body", notice.body())
			.param("link", notice.link())
			.param("dedup", notice.dedupKey())
			.param("at", Timestamp.from(clock.instant()))
			.update();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wakeup.wake();
				}
			});
		}
		else {
			wakeup.wake();
		}
	}

}
