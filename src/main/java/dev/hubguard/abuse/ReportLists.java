package dev.hubguard.abuse;

import dev.hubguard.identity.Access;
import dev.hubguard.shared.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Abuse lists, a page at a time: open reports first, then the latest seen (or in another
 * {@link ReportOrder}), each row saying what happened (latest alert name, worst severity,
 * sources, last seen, count). Pages follow a keyset cursor on the indexed sort key, so a
 * page costs the same however far back it is and no row shows twice when reports arrive
 * in between; the page's reports are found first and their alerts summed up after, in one
 * grouped query (or read from {@link AlertSummaries}, which holds them a few seconds).
 */
@Service
public class ReportLists {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 200;

	/** Worst first: how alerts' severities are ranked (lower is worse). */
	static final String SEVERITY_RANK = """
			case lower(a.severity) when 'critical' then 0 when 'page' then 0 when 'error' then 1 when 'high' then 1
			when 'warning' then 2 when 'medium' then 2 when 'info' then 3 when 'low' then 3 else 4 end""";

	private final JdbcClient jdbc;

	private final Access access;

	private final Clock clock;

	private final AlertSummaries summaries;

	ReportLists(JdbcClient jdbc, Access access, AlertSummaries summaries, Clock clock) {
		this.jdbc = jdbc;
		this.summaries = summaries;
		this.access = access;
		this.clock = clock;
	}

	/** Filters for lists; null fields do not filter. */
	public record Filter(ReportState state, String source, String hub, Integer maxAgeDays) {
	}

	/**
	 * All hubs for staff, the caller's hubs otherwise.
	 * @param cursor from a previous page's {@code next}; null for the first page
	 * @param limit rows per page, 1 to {@value #MAX_LIMIT}; null for
	 * {@value #DEFAULT_LIMIT}
	 */
	@Transactional(readOnly = true)
	public ReportPage page(Authentication who, Filter filter, ReportOrder order, String cursor, Integer limit) {
		int size = limit == null ? DEFAULT_LIMIT : limit;
		if (size < 1 || size > MAX_LIMIT) {
			throw new InvalidInputException("limit", "Choose a page size between 1 and " + MAX_LIMIT + ".");
		}
		if (filter.maxAgeDays() != null && (filter.maxAgeDays() < 1 || filter.maxAgeDays() > 3650)) {
			throw new InvalidInputException("days", "Choose an age between 1 and 3650 days.");
		}
		ReportCursor after = ReportCursor.decode(cursor, order);
		List<String> hubs = access.isStaff(who) ? null
				: access.visibleHubs(who).stream().map(h -> h.ref().toString()).toList();
		if (hubs != null && hubs.isEmpty()) {
			return new ReportPage(List.of(), null);
		}
		Query query = query(hubs, filter, order, after, size, clock.instant());
		List<Found> rows = jdbc.sql(query.sql()).params(query.params()).query((rs, n) -> found(rs, order)).list();
		String next = null;
		if (rows.size() > size) {
			next = rows.get(size - 1).cursor().encode();
			rows = rows.subList(0, size);
		}
		Map<Long, AlertSummary> summaries = this.summaries.of(rows.stream().map(Found::id).toList());
		List<AbuseReportView> views = new ArrayList<>(rows.size());
		rows.forEach(row -> views.add(row.view(summaries.getOrDefault(row.id(), AlertSummary.NONE))));
		return new ReportPage(views, next);
	}

	/** A statement and its named parameters. */
	record Query(String sql, Map<String, Object> params) {
	}

	/**
	 * The reports of a page, one more than {@code size} to tell whether another follows.
	 * @param hubs the hubs the caller may see; null: all
	 */
	static Query query(List<String> hubs, Filter filter, ReportOrder order, ReportCursor after, int size, Instant now) {
		String key = order.sort().key();
		StringBuilder sql = new StringBuilder("""
				select r.id, r.ref, r.hub, r.subject, r.username, r.state, r.assignee, r.opened_at, r.updated_at,
				    r.number, r.last_seen_at, %s as sort_key
				from abuse_reports r
				where true""".formatted(key == null ? "0" : key));
		Map<String, Object> params = new HashMap<>();
		if (hubs != null) {
			sql.append(" and r.hub in (:hubs)");
			params.put("hubs", hubs);
		}
		if (filter.hub() != null) {
			sql.append(" and r.hub = :hub");
			params.put("hub", filter.hub());
		}
		if (filter.state() != null) {
			sql.append(" and r.state = :state");
			params.put("state", filter.state().name());
		}
		if (filter.source() != null) {
			sql.append(" and exists (select 1 from abuse_alerts a where a.report_id = r.id and a.source = :source)");
			params.put("source", filter.source());
		}
		if (filter.maxAgeDays() != null) {
			sql.append(" and exists (select 1 from abuse_alerts a where a.report_id = r.id and a.starts_at >= :since)");
			params.put("since", Timestamp.from(now.minus(Duration.ofDays(filter.maxAgeDays()))));
		}
		List<String> columns = new ArrayList<>();
		if (key != null) {
			columns.add(key);
		}
		columns.add("r.last_seen_at");
		columns.add("r.id");
		if (after != null) {
			sql.append(" and (")
				.append(String.join(", ", columns))
				.append(order.descending() ? ") < (" : ") > (")
				.append(key == null ? "" : ":afterKey, ")
				.append(":afterSeen, :afterId)");
			if (key != null) {
				params.put("afterKey", order.sort().flag() ? (Object) (after.key() == 1) : (Object) after.key());
			}
			params.put("afterSeen", Timestamp.from(after.seen()));
			params.put("afterId", after.id());
		}
		String direction = order.descending() ? " desc" : " asc";
		sql.append(" order by ")
			.append(String.join(", ", columns.stream().map(c -> c + direction).toList()))
			.append(" limit :limit");
		params.put("limit", size + 1);
		return new Query(sql.toString(), params);
	}

	/** A report of the page, before its alerts are summed up. */
	private record Found(long id, String ref, String hub, String subject, String username, String state,
			String assignee, Instant openedAt, Instant updatedAt, int number, ReportCursor cursor) {

		AbuseReportView view(AlertSummary alerts) {
			return new AbuseReportView(ref, hub, subject, username, state.toLowerCase(Locale.ROOT), assignee, openedAt,
					updatedAt, alerts.lastAlertAt(), alerts.count(), "/abuse/" + ref, number, alerts.alertname(),
					alerts.alertnames(), alerts.severity(), alerts.sources());
		}

	}

	private static Found found(ResultSet rs, ReportOrder order) throws SQLException {
		long key = order.sort().flag() ? (rs.getBoolean("sort_key") ? 1 : 0) : rs.getLong("sort_key");
		return new Found(rs.getLong("id"), rs.getString("ref"), rs.getString("hub"), rs.getString("subject"),
				rs.getString("username"), rs.getString("state"), rs.getString("assignee"),
				rs.getTimestamp("opened_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getInt("number"), new ReportCursor(order.name(), key,
						ReportCursor.micros(rs.getTimestamp("last_seen_at").toInstant()), rs.getLong("id")));
	}

}
