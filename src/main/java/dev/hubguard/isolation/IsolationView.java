package dev.hubguard.isolation;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A hub's isolation page: score, counts, changes since a day ago, the checks, the users'
 * servers (a page of them: {@code usersNext} is the next page's cursor,
 * {@code usersPaged} says a cursor was given), the history chart and (for staff) the
 * exemptions.
 */
public record IsolationView(String hub, Integer score, Map<String, Integer> counts, String stale, String unavailable,
		String evaluatedAt, List<FindingView> checks, List<IsolationReport.UserServer> users, int userCount,
		String usersNext, boolean usersPaged, String since, List<String> changes, Chart chart,
		List<ExemptionView> exemptions) {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** An exemption as staff see it. */
	public record ExemptionView(long id, String check, String object, String reason, String author, String expiresOn,
			boolean active) {
	}

	/**
	 * Failing checks over time as an SVG polyline (viewBox 0 0 300 60), with its range.
	 */
	public record Chart(String points, int max, String from, String to, int snapshots) {

		static Chart of(List<Snapshot> history) {
			if (history.isEmpty()) {
				return new Chart("", 0, null, null, 0);
			}
			int max = Math.max(1, history.stream().mapToInt(Snapshot::failing).max().orElse(1));
			StringBuilder points = new StringBuilder();
			long start = history.get(0).takenAt().getEpochSecond();
			long span = Math.max(1, history.get(history.size() - 1).takenAt().getEpochSecond() - start);
			for (Snapshot snapshot : history) {
				double x = history.size() == 1 ? 150 : 300.0 * (snapshot.takenAt().getEpochSecond() - start) / span;
				double y = 56 - 52.0 * snapshot.failing() / max;
				points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
			}
			return new Chart(points.toString().strip(), max, TIME.format(history.get(0).takenAt()),
					TIME.format(history.get(history.size() - 1).takenAt()), history.size());
		}

	}

	static Map<String, Integer> counts(IsolationReport report) {
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		report.counts().forEach((result, count) -> counts.put(result.label(), count));
		return counts;
	}

}
