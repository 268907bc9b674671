package dev.hubguard.isolation;

import dev.hubguard.shared.Csv;
import dev.hubguard.shared.Cursor;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds the staff matrix and its CSV export from reports (pure). */
final class IsolationMatrix {

	private IsolationMatrix() {
	}

	static List<Check> columns(List<IsolationReport> reports, MatrixFilter filter) {
		List<Check> columns = new ArrayList<>();
		for (Check check : Checks.ALL) {
			if (!filter.shows(check)) {
				continue;
			}
			if (filter.onlyFailing()
					&& rows(reports, filter).stream().noneMatch(r -> r.results().get(check.id()) == Result.FAIL)) {
				continue;
			}
			columns.add(check);
		}
		return columns;
	}

	/**
	 * The reports the filter keeps: its cluster, and with "only failing" a failing
	 * result.
	 */
	static List<IsolationReport> rows(List<IsolationReport> reports, MatrixFilter filter) {
		return reports.stream()
			.filter(r -> filter.cluster() == null || filter.cluster().equals(r.cluster()))
			.filter(r -> !filter.onlyFailing()
					|| r.findings().stream().anyMatch(f -> f.result() == Result.FAIL && filter.shows(f.check())))
			.toList();
	}

	static final int PAGE = 50;

	static final int MAX_PAGE = 200;

	/**
	 * One page of the matrix: its rows ordered by hub after the cursor's hub; the
	 * columns, the clusters and the count of hubs that got worse are of every row the
	 * filter keeps.
	 * @param path where the matrix is served, for the page links
	 */
	static MatrixView view(List<IsolationReport> reports, MatrixFilter filter, String cursor, Integer limit,
			Map<String, Integer> dayAgo, String path) {
		Cursor after = Cursor.decode(cursor, "isolation", 2);
		int size = Cursor.limit(limit, PAGE, MAX_PAGE);
		List<Check> checks = columns(reports, filter);
		List<IsolationReport> kept = rows(reports, filter).stream()
			.sorted(Comparator.comparing(IsolationReport::hub))
			.toList();
		int worse = (int) kept.stream().filter(r -> IsolationHistory.worse(r, dayAgo.get(r.hub()))).count();
		List<IsolationReport> rest = after == null ? kept
				: kept.stream().filter(r -> r.hub().compareTo(after.text(1)) > 0).toList();
		List<MatrixView.Row> rows = new ArrayList<>();
		for (IsolationReport report : rest.subList(0, Math.min(size, rest.size()))) {
			List<MatrixView.Cell> cells = new ArrayList<>();
			Map<String, Result> results = report.results();
			for (Check check : checks) {
				Result result = results.get(check.id());
				cells.add(new MatrixView.Cell(check.id(), result == null ? "none" : result.label(),
						"/hubs/" + report.hub() + "/isolation#" + check.id(), report.hub() + " · " + check.title()
								+ ": " + (result == null ? "not evaluated" : result.label())));
			}
			rows.add(new MatrixView.Row(report.hub(), report.cluster(), report.score(), report.failing(),
					IsolationHistory.worse(report, dayAgo.get(report.hub())), report.stale(), report.unavailable(),
					cells));
		}
		String next = rest.size() > size ? Cursor.of("isolation", rows.get(rows.size() - 1).hub()).encode() : null;
		String sized = size == PAGE ? "" : "limit=" + size;
		List<String> clusters = new ArrayList<>(new TreeSet<>(reports.stream().map(IsolationReport::cluster).toList()));
		return new MatrixView(
				checks.stream()
					.map(c -> new MatrixView.Column(c.id(), c.title(),
							c.severity().name().toLowerCase(java.util.Locale.ROOT)))
					.toList(),
				rows, clusters, filter, "/staff/isolation" + filter.query(!filter.onlyFailing()),
				"/staff/isolation.csv" + filter.query(filter.onlyFailing()), worse, kept.size(), next,
				next == null ? null : link(path, filter, sized, "cursor=" + next),
				after == null ? null : link(path, filter, sized, ""));
	}

	private static String link(String path, MatrixFilter filter, String... more) {
		StringBuilder query = new StringBuilder(filter.query(filter.onlyFailing()));
		for (String part : more) {
			if (!part.isEmpty()) {
				query.append(query.isEmpty() ? "?" : "&").append(part);
			}
		}
		return path + query;
	}

	/** The hubs that fail more checks than a day ago. */
	static List<String> worse(List<IsolationReport> reports, Map<String, Integer> dayAgo) {
		return reports.stream()
			.filter(r -> IsolationHistory.worse(r, dayAgo.get(r.hub())))
			.map(IsolationReport::hub)
			.sorted()
			.toList();
	}

	static final List<String> CSV_HEADER = List.of("hub", "cluster", "score", "check", "title", "severity", "result",
			"polaris", "kubescape", "pss", "evidence", "exemption");

	/** One line per hub and check, with the evidence and the posture tools' names. */
	static String csv(List<IsolationReport> reports, MatrixFilter filter) {
		List<Check> checks = columns(reports, filter);
		StringBuilder out = new StringBuilder(Csv.row(CSV_HEADER));
		for (IsolationReport report : rows(reports, filter)) {
			for (Finding finding : report.findings()) {
				if (!checks.contains(finding.check())) {
					continue;
				}
				Check check = finding.check();
				out.append(Csv.row(java.util.Arrays.asList(report.hub(), report.cluster(),
						report.score() == null ? "" : String.valueOf(report.score()), check.id(), check.title(),
						check.severity().name().toLowerCase(java.util.Locale.ROOT), finding.result().label(),
						check.polaris(), check.kubescape(), check.pss(), String.join(" | ", finding.evidence()),
						finding.exemption())));
			}
		}
		return out.toString();
	}

}
