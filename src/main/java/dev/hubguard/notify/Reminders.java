package dev.hubguard.notify;

import dev.hubguard.isolation.IsolationViews;
import dev.hubguard.secrets.Secrets;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conditions that arise with time, looked at by the leader: a secret past its rotate-by
 * date (once per secret and date), and a hub whose isolation score got worse than the
 * last score seen (once per drop).
 */
@Component
class Reminders {

	private final Secrets secrets;

	private final IsolationViews isolation;

	private final Outbox outbox;

	private final JdbcClient jdbc;

	Reminders(Secrets secrets, IsolationViews isolation, Outbox outbox, JdbcClient jdbc) {
		this.secrets = secrets;
		this.isolation = isolation;
		this.outbox = outbox;
		this.jdbc = jdbc;
	}

	@Transactional
	void check() {
		for (Secrets.Overdue overdue : secrets.overdue()) {
			outbox.record(new Notice(NoticeKind.SECRET_OVERDUE, overdue.hub(), "secret:" + overdue.hub(), null, null,
					null, "Secret " + overdue.name() + " on " + overdue.hub() + " is past its rotate-by date",
					"The secret " + overdue.name() + " on " + overdue.hub() + " was to be rotated by "
							+ overdue.rotateBy() + ": set a new value (and revoke the old one where it came from).",
					"/hubs/" + overdue.hub() + "/secrets",
					"rotate-by:" + overdue.hub() + "/" + overdue.name() + "/" + overdue.rotateBy()));
		}
		for (Map.Entry<String, Integer> score : isolation.latestScores().entrySet()) {
			if (score.getValue() == null) {
				continue;
			}
			// The last score seen per hub (in the topic table's number column); a lower
			// one
			// is a drop, told once.
			Integer before = jdbc.sql("""
					with old as (select rank from notify_topic_severity where topic = :t)
					insert into notify_topic_severity (topic, rank) values (:t, :s)
					on conflict (topic) do update set rank = excluded.rank
					returning (select rank from old)""")
				.param("t", "isolation:" + score.getKey())
				.param("s", score.getValue())
				.query(Integer.class)
				.optional()
				.orElse(null);
			if (before != null && score.getValue() < before) {
				outbox.record(Notice.of(NoticeKind.ISOLATION_WORSE, score.getKey(), "isolation:" + score.getKey(), null,
						null, "Isolation of " + score.getKey() + " got worse: " + before + " → " + score.getValue(),
						"The isolation score of " + score.getKey() + " dropped from " + before + " to "
								+ score.getValue() + ". The hub's isolation page shows what fails.",
						"/hubs/" + score.getKey() + "/isolation"));
			}
		}
	}

}
