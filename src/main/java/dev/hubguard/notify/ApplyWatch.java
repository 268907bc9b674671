package dev.hubguard.notify;

import dev.hubguard.cluster.ReconcileState;
import dev.hubguard.cluster.ReconcileStatus;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.hub.HubRef;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conditions that arise with time, for approved changes: applied to the cluster, or still
 * not applied and in error after {@code apply-failing-after}. Run by the leader only;
 * each is recorded once per change (a dedup key), told to the author and staff.
 */
@Component
class ApplyWatch {

	private final JdbcClient jdbc;

	private final Reconciler reconciler;

	private final Outbox outbox;

	private final NotifyProperties properties;

	ApplyWatch(JdbcClient jdbc, Reconciler reconciler, Outbox outbox, NotifyProperties properties) {
		this.jdbc = jdbc;
		this.reconciler = reconciler;
		this.outbox = outbox;
		this.properties = properties;
	}

	private record Approved(String hub, String topic, String target, Instant at, boolean failingTold) {
	}

	/** Looks at the changes approved within a day and not yet told applied. */
	@Transactional
	int check(Instant now) {
		List<Approved> approved = jdbc.sql("""
				select e.hub, e.topic, e.target, e.created_at,
				    exists (select 1 from notify_events f where f.dedup_key = 'apply-failing:' || e.topic)
				from notify_events e
				where e.kind = 'change.approved' and e.created_at > :since and e.hub is not null
				    and not exists (select 1 from notify_events a where a.dedup_key = 'applied:' || e.topic)""")
			.param("since", Timestamp.from(now.minus(Duration.ofDays(1))))
			.query((rs, i) -> new Approved(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getBoolean(5)))
			.list();
		int told = 0;
		for (Approved change : approved) {
			List<ReconcileStatus> statuses = reconciler.status(HubRef.parse(change.hub()));
			String id = change.topic().substring(change.topic().indexOf(':') + 1);
			boolean applied = !statuses.isEmpty()
					&& statuses.stream().allMatch(s -> s.state() != ReconcileState.ERROR && !s.pendingApply())
					&& statuses.stream()
						.anyMatch(s -> s.lastAppliedAt() != null && !s.lastAppliedAt().isBefore(change.at()));
			if (applied) {
				outbox.record(new Notice(NoticeKind.CHANGE_APPLIED, change.hub(), change.topic(), null, change.target(),
						null, "Change " + id + " on " + change.hub() + " is applied",
						"The cluster now matches change " + id + " on " + change.hub() + ".", "/changes/" + id,
						"applied:" + change.topic()));
				told++;
			}
			else if (!change.failingTold() && !change.at().plus(properties.applyFailingAfter()).isAfter(now)
					&& statuses.stream().anyMatch(s -> s.state() == ReconcileState.ERROR)) {
				outbox.record(new Notice(NoticeKind.CHANGE_APPLY_FAILING, change.hub(), change.topic(), null,
						change.target(), null, "Change " + id + " on " + change.hub() + " fails to apply",
						"Change " + id + " was approved " + properties.applyFailingAfter().toMinutes()
								+ " minutes ago or more and the cluster still does not match it: Hubguard keeps "
								+ "retrying. The hub's page says what fails.",
						"/hubs/" + change.hub(), "apply-failing:" + change.topic()));
				told++;
			}
		}
		return told;
	}

}
