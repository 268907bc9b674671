package dev.hubguard.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Appends to and reads the audit log. Rows are never changed: the database refuses
 * UPDATE, DELETE and TRUNCATE on the table. Callers must never pass secret values.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records an event; joins the caller's transaction so the event and the change commit
	 * together.
	 */
	public void record(AuditEvent event) {
		jdbc.sql("""
				insert into audit_log (at, actor, hub, action, summary, before, after)
				values (:at, :actor, :hub, :action, :summary, :before, :after)""")
			.param("at", java.sql.Timestamp.from(clock.instant()))
			.param("actor", event.actor())
			.param("hub", event.hub())
			.param("action", event.action())
			.param("summary", event.summary())
			.param("before", event.before())
			.param("after", event.after())
			.update();
	}

	/**
	 * Newest first; {@code hubs} null means every hub (staff), otherwise only those hubs.
	 */
	public List<AuditEntry> find(AuditQuery query, List<String> hubs) {
		StringBuilder sql = new StringBuilder(
				"select id, at, actor, hub, action, summary, before, after from audit_log where true");
		if (hubs != null) {
			if (hubs.isEmpty()) {
				return List.of();
			}
			sql.append(" and hub in (:hubs)");
		}
		if (query.hub() != null) {
			sql.append(" and hub = :hub");
		}
		if (query.action() != null) {
			sql.append(" and action = :action");
		}
		else if (!query.signIns()) {
			sql.append(" and action <> '" + AuditQuery.SIGN_IN + "'");
		}
		if (query.actor() != null) {
			sql.append(" and actor = :actor");
		}
		if (query.before() != null) {
			sql.append(" and id < :beforeId");
		}
		sql.append(" order by id desc limit :limit");
		var statement = jdbc.sql(sql.toString());
		if (hubs != null) {
			statement = statement.param("hubs", hubs);
		}
		if (query.hub() != null) {
			statement = statement.param("hub", query.hub());
		}
		if (query.action() != null) {
			statement = statement.param("action", query.action());
		}
		if (query.actor() != null) {
			statement = statement.param("actor", query.actor());
		}
		if (query.before() != null) {
			statement = statement.param("beforeId", query.before());
		}
		return statement.param("limit", query.limit())
			.query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
					rs.getString("hub"), rs.getString("action"), rs.getString("summary"), rs.getString("before"),
					rs.getString("after")))
			.list();
	}

	/** The actions recorded so far, for the page's filter list. */
	public List<String> actions() {
		return jdbc.sql("select distinct action from audit_log order by action limit 500").query(String.class).list();
	}

	/** People who acted on the given hubs (null: any), for the page's suggestions. */
	public List<String> actors(List<String> hubs) {
		if (hubs != null && hubs.isEmpty()) {
			return List.of();
		}
		return (hubs == null
				? jdbc.sql("select distinct actor from audit_log where action <> '" + AuditQuery.SIGN_IN
						+ "' order by actor limit 500")
				: jdbc.sql("select distinct actor from audit_log where hub in (:hubs) order by actor limit 500")
					.param("hubs", hubs))
			.query(String.class)
			.list();
	}

	/** One row as read back. */
	public record AuditEntry(long id, Instant at, String actor, String hub, String action, String summary,
			String before, String after) {
	}

}
