package dev.hubguard.abuse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a list row says about a report's alerts: how many, the last, the latest one's
 * name, how many names, the worst severity and the sources.
 *
 * @param alertname the name of the latest alert, or null
 * @param severity the worst severity (latest among equals), or null
 */
record AlertSummary(int count, Instant lastAlertAt, String alertname, int alertnames, String severity,
		List<String> sources) {

	/** Alerts of the reports {@code :reports} by name, source and severity. */
	static final String SQL = """
			select a.report_id, a.alertname, a.source, a.severity, count(*), max(a.starts_at), max(a.id)
			from abuse_alerts a where a.report_id in (:reports)
			group by a.report_id, a.alertname, a.source, a.severity""";

	static final AlertSummary NONE = new AlertSummary(0, null, null, 0, null, List.of());

	/** One group of a report's alerts: same name, source and severity. */
	private record Group(long report, String alertname, String source, String severity, long count, Instant last,
			long lastId) {
	}

	/**
	 * The summaries of the given reports in one grouped query along the covering index of
	 * alerts by report (an index-only scan, no row of the table read), assembled here.
	 */
	static Map<Long, AlertSummary> of(JdbcClient jdbc, Collection<Long> reports) {
		if (reports.isEmpty()) {
			return Map.of();
		}
		Map<Long, List<Group>> groups = new HashMap<>();
		jdbc.sql(SQL)
			.param("reports", reports)
			.query((rs, n) -> new Group(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
					rs.getTimestamp(6).toInstant(), rs.getLong(7)))
			.list()
			.forEach(g -> groups.computeIfAbsent(g.report(), key -> new ArrayList<>()).add(g));
		Map<Long, AlertSummary> summaries = new HashMap<>();
		groups.forEach((report, of) -> summaries.put(report, summarise(of)));
		return summaries;
	}

	private static AlertSummary summarise(List<Group> groups) {
		long count = 0;
		Group latest = null;
		Group worst = null;
		Set<String> names = new TreeSet<>();
		Set<String> sources = new TreeSet<>();
		for (Group group : groups) {
			count += group.count();
			names.add(group.alertname());
			sources.add(group.source());
			if (latest == null || later(group, latest)) {
				latest = group;
			}
			if (group.severity() != null && (worst == null || rank(group.severity()) < rank(worst.severity())
					|| (rank(group.severity()) == rank(worst.severity()) && later(group, worst)))) {
				worst = group;
			}
		}
		return new AlertSummary((int) count, latest.last(), latest.alertname(), names.size(),
				worst == null ? null : worst.severity(), List.copyOf(sources));
	}

	private static boolean later(Group a, Group b) {
		int by = a.last().compareTo(b.last());
		return by > 0 || (by == 0 && a.lastId() > b.lastId());
	}

	/** Worst first, as {@link ReportLists#SEVERITY_RANK} ranks them in SQL. */
	static int rank(String severity) {
		return switch (severity.toLowerCase(Locale.ROOT)) {
			case "critical", "page" -> 0;
			case "error", "high" -> 1;
			case "warning", "medium" -> 2;
			case "info", "low" -> 3;
			default -> 4;
		};
	}

}
