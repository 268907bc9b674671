package dev.hubguard.audit;

import dev.hubguard.shared.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends to and reads the audit log. Rows are never changed: the database refuses
 * UPDATE, DELETE and TRUNCATE on the table. Callers must never pass secret values.
 * <p>
 * Reading is newest first (by time, then id), a page at a time on a keyset cursor: every
 * page is one index range (the whole log, a hub, an action or an actor; see {@code V13}),
 * so a deep page costs what the first does. The export streams every matching row.
 */
@Service
public class AuditLog {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 200;

	private static final String COLUMNS = "a.id, a.at, a.actor, a.hub, a.action, a.summary, a.before, a.after, a.change_request";

	private static final int FETCH_SIZE = 500;

	/** Every action so far: a skip scan over the action index, one probe per action. */
	static final String ACTIONS = """
			with recursive found(action) as (
			    select min(action) from audit_log
			    union all
			    select (select min(a.action) from audit_log a where a.action > found.action)
			    from found where found.action is not null)
			select action from found where action is not null limit 500""";

	/** Who acted (sign-ins left out): a skip scan, one probe per person. */
	static final String ACTORS = """
			with recursive found(actor) as (
			    select min(actor) from audit_log where action <> '%1$s'
			    union all
			    select (select min(a.actor) from audit_log a where a.actor > found.actor and a.action <> '%1$s')
			    from found where found.actor is not null)
			select actor from found where actor is not null limit 500""".formatted(AuditQuery.SIGN_IN);

	/** Who acted on the hubs {@code :hubs}: a skip scan, one probe per person and hub. */
	static final String HUB_ACTORS = """
			with recursive found(hub, actor) as (
			    select h.hub, (select min(a.actor) from audit_log a where a.hub = h.hub)
			    from unnest(array[:hubs]::text[]) h(hub)
			    union all
			    select found.hub, (select min(a.actor) from audit_log a where a.hub = found.hub and a.actor > found.actor)
			    from found where found.actor is not null)
			select distinct actor from found where actor is not null order by actor limit 500""";

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
				insert into audit_log (at, actor, hub, action, summary, before, after, change_request)
				values (:at, :actor, :hub, :action, :summary, :before, :after, :change)""")
			.param("at", java.sql.Timestamp.from(clock.instant()))
			.param("actor", event.actor())
			.param("hub", event.hub())
			.param("action", event.action())
			.param("summary", event.summary())
			.param("before", event.before())
			.param("after", event.after())
			.param("change", event.changeRequest(), java.sql.Types.BIGINT)
			.update();
	}

	/** One page, newest first; {@code next} is the cursor of the older page, or null. */
	public record Page(List<AuditEntry> entries, String next) {
	}

	/**
	 * A page of the rows matching {@code filters} (its {@code before} and {@code limit}
	 * are ignored).
	 * @param hubs null: every hub (staff); otherwise only those hubs
	 * @param cursor a previous page's {@code next}; null for the first page
	 * @param limit rows per page, 1 to {@value #MAX_LIMIT}; null for
	 * {@value #DEFAULT_LIMIT}
	 */
	public Page page(AuditQuery filters, List<String> hubs, String cursor, Integer limit) {
		int size = Cursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
		Cursor after = Cursor.decode(cursor, "audit", 3);
		List<AuditEntry> rows = find(filters
			.from(after == null ? null : new AuditQuery.Position(after.instant(1), after.number(2)), size + 1), hubs);
		if (rows.size() <= size) {
			return new Page(rows, null);
		}
		rows = rows.subList(0, size);
		AuditEntry last = rows.get(size - 1);
		return new Page(rows, Cursor.of("audit", Cursor.micros(last.at()), String.valueOf(last.id())).encode());
	}

	/**
	 * Newest first; {@code hubs} null means every hub (staff), otherwise only those hubs,
	 * each read on its own index range.
	 */
	public List<AuditEntry> find(AuditQuery query, List<String> hubs) {
		List<String> within = within(query, hubs);
		if (within != null && within.isEmpty()) {
			return List.of();
		}
		PageSql page = pageSql(query, within);
		return jdbc.sql(page.sql()).params(page.params()).query(AuditLog::entry).list();
	}

	/** A statement and its named parameters. */
	record PageSql(String sql, Map<String, Object> params) {
	}

	/**
	 * The page query: one index range over the whole log ({@code within} null) or one per
	 * hub, each at most a page long, merged.
	 */
	static PageSql pageSql(AuditQuery query, List<String> within) {
		Map<String, Object> params = new HashMap<>();
		String where = where(query, within == null, params);
		params.put("limit", query.limit());
		if (within != null && query.change() != null) {
			// One request's rows are few: read them on the request's index, then keep the
			// visible hubs.
			params.put("hubs", within);
			return new PageSql("select " + COLUMNS + " from audit_log a where a.hub in (:hubs)" + where
					+ " order by a.at desc, a.id desc limit :limit", params);
		}
		if (within == null) {
			return new PageSql("select " + COLUMNS + " from audit_log a where true" + where
					+ " order by a.at desc, a.id desc limit :limit", params);
		}
		params.put("hubs", within);
		return new PageSql(
				"select e.* from unnest(array[:hubs]::text[]) h(hub) cross join lateral (select " + COLUMNS
						+ " from audit_log a where a.hub = h.hub" + where
						+ " order by a.at desc, a.id desc limit :limit) e order by e.at desc, e.id desc limit :limit",
				params);
	}

	/**
	 * Every row matching {@code query} (its {@code before} and {@code limit} ignored),
	 * newest first, handed to {@code each} as the database sends them: read on a cursor
	 * {@value #FETCH_SIZE} rows at a time, so memory stays flat however long the log.
	 */
	@Transactional(readOnly = true)
	public void export(AuditQuery query, List<String> hubs, Consumer<AuditEntry> each) {
		List<String> within = within(query, hubs);
		if (within != null && within.isEmpty()) {
			return;
		}
		Map<String, Object> params = new HashMap<>();
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_log a where true");
		sql.append(where(query.from(null, 1), within == null, params));
		if (within != null) {
			sql.append(" and a.hub in (:hubs)");
			params.put("hubs", within);
		}
		sql.append(" order by a.at desc, a.id desc");
		jdbc.sql(sql.toString())
			.withFetchSize(FETCH_SIZE)
			.params(params)
			.query((RowCallbackHandler) rs -> each.accept(entry(rs, 0)));
	}

	/** The hubs to read one by one, or null for the whole log. */
	private static List<String> within(AuditQuery query, List<String> hubs) {
		if (hubs == null) {
			return null;
		}
		if (query.hub() != null) {
			return hubs.contains(query.hub()) ? List.of(query.hub()) : List.of();
		}
		return hubs;
	}

	private static String where(AuditQuery query, boolean hubFilter, Map<String, Object> params) {
		StringBuilder where = new StringBuilder();
		if (hubFilter && query.hub() != null) {
			where.append(" and a.hub = :hub");
			params.put("hub", query.hub());
		}
		if (query.action() != null) {
			where.append(" and a.action = :action");
			params.put("action", query.action());
		}
		else if (!query.signIns()) {
			// Written out, not bound, so the planner matches the partial indexes.
			where.append(" and a.action <> '" + AuditQuery.SIGN_IN + "'");
		}
		if (query.change() != null) {
			where.append(" and a.change_request = :change");
			params.put("change", query.change());
		}
		if (query.actor() != null) {
			where.append(" and a.actor = :actor");
			params.put("actor", query.actor());
		}
		if (query.before() != null) {
			where.append(" and (a.at, a.id) < (:beforeAt, :beforeId)");
			params.put("beforeAt", java.sql.Timestamp.from(query.before().at()));
			params.put("beforeId", query.before().id());
		}
		return where.toString();
	}

	private static AuditEntry entry(ResultSet rs, int n) throws SQLException {
		return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
				rs.getString("hub"), rs.getString("action"), rs.getString("summary"), rs.getString("before"),
				rs.getString("after"), rs.getObject("change_request", Long.class));
	}

	/**
	 * The actions recorded so far, for the page's filter list: a skip scan over the
	 * action index, one probe per action rather than a read of the log.
	 */
	public List<String> actions() {
		return jdbc.sql(ACTIONS).query(String.class).list();
	}

	/**
	 * People who acted on the given hubs (null: any, sign-ins left out), for the page's
	 * suggestions: a skip scan over the actor indexes, one probe per person and hub.
	 */
	public List<String> actors(List<String> hubs) {
		if (hubs != null && hubs.isEmpty()) {
			return List.of();
		}
		if (hubs == null) {
			return jdbc.sql(ACTORS).query(String.class).list();
		}
		return jdbc.sql(HUB_ACTORS).param("hubs", hubs).query(String.class).list();
	}

	/** One row as read back; {@code changeRequest} the request it is about, or null. */
	public record AuditEntry(long id, Instant at, String actor, String hub, String action, String summary,
			String before, String after, Long changeRequest) {
	}

}
