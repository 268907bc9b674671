package dev.hubguard.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes {@code reconcile_status}, one row per owned object. */
@Component
class ReconcileStatusStore {

	private final JdbcClient jdbc;

	ReconcileStatusStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ReconcileStatus> find(String object) {
		return jdbc.sql("select * from reconcile_status where object = :object")
			.param("object", object)
			.query(ReconcileStatusStore::row)
			.optional();
	}

	List<ReconcileStatus> forHub(String hub) {
		return jdbc.sql("select * from reconcile_status where hub = :hub order by object")
			.param("hub", hub)
			.query(ReconcileStatusStore::row)
			.list();
	}

	List<ReconcileStatus> all() {
		return jdbc.sql("select * from reconcile_status").query(ReconcileStatusStore::row).list();
	}

	List<String> dueForRetry(Instant now) {
		return jdbc
			.sql("select distinct hub from reconcile_status where state in ('ERROR', 'DRIFTED', 'APPLYING') "
					+ "and (next_attempt_at is null or next_attempt_at <= :now)")
			.param("now", Timestamp.from(now))
			.query(String.class)
			.list();
	}

	/** How many owned objects of a cluster are in ERROR. */
	int countInError(String cluster) {
		return jdbc.sql("select count(*) from reconcile_status where state = 'ERROR' and object like :prefix")
			.param("prefix", cluster + "/%")
			.query(Integer.class)
			.single();
	}

	void save(ReconcileStatus status) {
		jdbc.sql(
				"""
						insert into reconcile_status (object, hub, desired_version, applied_version, state, last_error, attempts,
						  last_attempt_at, next_attempt_at, last_applied_at, last_drift_at, drift_count)
						values (:object, :hub, :desired, :applied, :state, :error, :attempts, :lastAttempt, :nextAttempt,
						  :lastApplied, :lastDrift, :driftCount)
						on conflict (object) do update set hub = excluded.hub, desired_version = excluded.desired_version,
						  applied_version = excluded.applied_version, state = excluded.state, last_error = excluded.last_error,
						  attempts = excluded.attempts, last_attempt_at = excluded.last_attempt_at,
						  next_attempt_at = excluded.next_attempt_at, last_applied_at = excluded.last_applied_at,
						  last_drift_at = excluded.last_drift_at, drift_count = excluded.drift_count""")
			.param("object", status.object())
			.param("hub", status.hub())
			.param("desired", status.desiredVersion())
			.param("applied", status.appliedVersion())
			.param("state", status.state().name())
			.param("error", status.lastError())
			.param("attempts", status.attempts())
			.param("lastAttempt", timestamp(status.lastAttemptAt()))
			.param("nextAttempt", timestamp(status.nextAttemptAt()))
			.param("lastApplied", timestamp(status.lastAppliedAt()))
			.param("lastDrift", timestamp(status.lastDriftAt()))
			.param("driftCount", status.driftCount())
			.update();
	}

	void delete(String object) {
		jdbc.sql("delete from reconcile_status where object = :object").param("object", object).update();
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static ReconcileStatus row(ResultSet rs, int n) throws SQLException {
		Integer applied = rs.getObject("applied_version", Integer.class);
		return new ReconcileStatus(rs.getString("object"), rs.getString("hub"), rs.getInt("desired_version"), applied,
				ReconcileState.valueOf(rs.getString("state")), rs.getString("last_error"), rs.getInt("attempts"),
				instant(rs, "last_attempt_at"), instant(rs, "next_attempt_at"), instant(rs, "last_applied_at"),
				instant(rs, "last_drift_at"), rs.getInt("drift_count"));
	}

}
