package dev.hubguard.abuse;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What people did to a report besides notes and tickets (its state, its assignee, its
 * user's server), kept for the report's timeline; the audit log keeps them too.
 */
@Component
class ReportEvents {

	static final String STATE = "state";

	static final String ASSIGNED = "assigned";

	static final String SERVER_STOPPED = "server-stopped";

	private final JdbcClient jdbc;

	private final Clock clock;

	ReportEvents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	record Event(String kind, String actor, String detail, java.time.Instant at) {
	}

	void record(long reportId, String kind, String actor, String detail) {
		jdbc.sql("insert into abuse_report_events (report_id, kind, actor, detail, at) values (:r, :k, :a, :d, :t)")
			.param("r", reportId)
			.param("k", kind)
			.param("a", actor)
			.param("d", detail)
			.param("t", Timestamp.from(clock.instant()))
			.update();
	}

	List<Event> of(long reportId) {
		return jdbc.sql("select kind, actor, detail, at from abuse_report_events where report_id = :r order by at, id")
			.param("r", reportId)
			.query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

}
