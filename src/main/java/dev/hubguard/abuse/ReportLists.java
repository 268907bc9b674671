package dev.hubguard.abuse;

import dev.hubguard.identity.Access;
import dev.hubguard.shared.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Abuse lists, a page at a time: open reports first, then the newest opened, each row
 * saying what happened (latest alert name, worst severity, sources, last seen, count).
 * Pages follow a keyset cursor on the indexed sort key, so a page costs the same however
 * far back it is and no row shows twice when reports arrive in between.
 */
@Service
public class ReportLists {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 200;

	/** Worst first: how alerts' severities are ranked (lower is worse). */
	static final String SEVERITY_RANK = """
			case lower(a.severity) when 'critical' then 0 when 'page' then 0 when 'error' then 1 when 'high' then 1
			when 'warning' then 2 when 'medium' then 2 when 'info' then 3 when 'low' then 3 else 4 end""";

	static final String OPEN = "(r.state in ('OPEN', 'INVESTIGATING'))";

	private final JdbcClient jdbc;

	private final Access access;

	private final Clock clock;

	ReportLists(JdbcClient jdbc, Access access, Clock clock) {
		this.jdbc = jdbc;
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
	public ReportPage page(Authentication who, Filter filter, String cursor, Integer limit) {
		int size = limit == null ? DEFAULT_LIMIT : limit;
		if (size < 1 || size > MAX_LIMIT) {
			throw new InvalidInputException("limit", "Choose a page size between 1 and " + MAX_LIMIT + ".");
		}
		if (filter.maxAgeDays() != null && (filter.maxAgeDays() < 1 || filter.maxAgeDays() > 3650)) {
			throw new InvalidInputException("days", "Choose an age between 1 and 3650 days.");
		}
		ReportCursor after = ReportCursor.decode(cursor);
		List<String> hubs = access.isStaff(who) ? null
				: access.visibleHubs(who).stream().map(h -> h.ref().toString()).toList();
		if (hubs != null && hubs.isEmpty()) {
			return new ReportPage(List.of(), null);
		}
		StringBuilder sql = new StringBuilder("""
				select r.id, r.ref, r.hub, r.subject, r.username, r.state, r.assignee, r.opened_at, r.updated_at,
				    r.number, %s as is_open, l.last_alert_at, l.alert_count, l.alertnames, l.sources,
				    (select a.alertname from abuse_alerts a where a.report_id = r.id
				        order by a.starts_at desc, a.id desc limit 1) as alertname,
				    (select a.severity from abuse_alerts a where a.report_id = r.id and a.severity is not null
				        order by %s, a.starts_at desc limit 1) as severity
				from abuse_reports r
				left join lateral (select max(a.starts_at) as last_alert_at, count(*) as alert_count,
				    count(distinct a.alertname) as alertnames, string_agg(distinct a.source, ',') as sources
				    from abuse_alerts a where a.report_id = r.id) l on true
				where true""".formatted(OPEN, SEVERITY_RANK));
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
			sql.append(" and l.last_alert_at >= :since");
			params.put("since", Timestamp.from(clock.instant().minus(Duration.ofDays(filter.maxAgeDays()))));
		}
		if (after != null) {
			sql.append(" and (").append(OPEN).append(", r.opened_at, r.id) < (:afterOpen, :afterAt, :afterId)");
			params.put("afterOpen", after.open());
			params.put("afterAt", Timestamp.from(after.openedAt()));
			params.put("afterId", after.id());
		}
		sql.append(" order by ").append(OPEN).append(" desc, r.opened_at desc, r.id desc limit :limit");
		params.put("limit", size + 1);
		List<Row> rows = jdbc.sql(sql.toString()).params(params).query(ReportLists::row).list();
		String next = null;
		if (rows.size() > size) {
			Row last = rows.get(size - 1);
			next = last.cursor().encode();
			rows = rows.subList(0, size);
		}
		List<AbuseReportView> views = new ArrayList<>(rows.size());
		rows.forEach(row -> views.add(row.view()));
		return new ReportPage(views, next);
	}

	private record Row(AbuseReportView view, ReportCursor cursor) {
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		Timestamp last = rs.getTimestamp("last_alert_at");
		String sources = rs.getString("sources");
		AbuseReportView view = new AbuseReportView(rs.getString("ref"), rs.getString("hub"), rs.getString("subject"),
				rs.getString("username"), rs.getString("state").toLowerCase(Locale.ROOT), rs.getString("assignee"),
				rs.getTimestamp("opened_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				last == null ? null : last.toInstant(), rs.getInt("alert_count"), "/abuse/" + rs.getString("ref"),
				rs.getInt("number"), rs.getString("alertname"), rs.getInt("alertnames"), rs.getString("severity"),
				sources == null ? List.of() : Arrays.asList(sources.split(",")));
		return new Row(view, new ReportCursor(rs.getBoolean("is_open"),
				ReportCursor.micros(rs.getTimestamp("opened_at").toInstant()), rs.getLong("id")));
	}

}
