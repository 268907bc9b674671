package dev.hubguard.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records notices in the caller's transaction: the notices of one transaction are
 * inserted together just before it commits (one statement, however many reports a
 * delivery of alerts touched), nothing else on the request path. When that transaction
 * commits, this replica's sender is woken once. Outside a transaction a notice is
 * inserted at once.
 */
@Component
class Outbox {

	private static final String INSERT = """
			insert into notify_events (kind, hub, topic, actor, target, severity, title, body, link, dedup_key,
			    created_at)
			select e.*, ? from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			    ?::text[], ?::text[], ?::text[])
			    as e(kind, hub, topic, actor, target, severity, title, body, link, dedup_key)
			on conflict (dedup_key) do nothing""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Wakeup wakeup;

	Outbox(JdbcClient jdbc, Clock clock, Wakeup wakeup) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.wakeup = wakeup;
	}

	void record(Notice notice) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			insert(List.of(notice));
			wakeup.wake();
			return;
		}
		Pending pending = TransactionSynchronizationManager.getSynchronizations()
			.stream()
			.filter(s -> s instanceof Pending p && p.outbox() == this)
			.map(Pending.class::cast)
			.findFirst()
			.orElseGet(() -> {
				Pending created = new Pending();
				TransactionSynchronizationManager.registerSynchronization(created);
				return created;
			});
		pending.notices.add(notice);
	}

	private void insert(List<Notice> notices) {
		jdbc.sql(INSERT)
			.params(Timestamp.from(clock.instant()), column(notices, n -> n.kind().id()), column(notices, Notice::hub),
					column(notices, Notice::topic), column(notices, Notice::actor), column(notices, Notice::target),
					column(notices, Notice::severity), column(notices, Notice::title), column(notices, Notice::body),
					column(notices, Notice::link), column(notices, Notice::dedupKey))
			.update();
	}

	private static String[] column(List<Notice> notices, Function<Notice, String> field) {
		return notices.stream().map(field).toArray(String[]::new);
	}

	/** The notices of one transaction, inserted before it commits. */
	private final class Pending implements TransactionSynchronization {

		final List<Notice> notices = new ArrayList<>();

		Outbox outbox() {
			return Outbox.this;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			if (!notices.isEmpty()) {
				insert(notices);
			}
		}

		@Override
		public void afterCommit() {
			wakeup.wake();
		}

	}

}
