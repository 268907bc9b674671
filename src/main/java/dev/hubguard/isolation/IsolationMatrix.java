package dev.hubguard.isolation;

import dev.hubguard.shared.Csv;
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

	static MatrixView view(List<IsolationReport> reports, MatrixFilter filter, Map<String, Snapshot> dayAgo) {
		List<Check> checks = columns(reports, filter);
		List<MatrixView.Row> rows = new ArrayList<>();
		int worse = 0;
		for (IsolationReport report : rows(reports, filter)) {
			List<MatrixView.Cell> cells = new ArrayList<>();
			Map<String, Result> results = report.results();
			for (Check check : checks) {
				Result result = results.get(check.id());
				cells.add(new MatrixView.Cell(check.id(), result == null ? "none" : result.label(),
						"/hubs/" + report.hub() + "/isolation#" + check.id(), report.hub() + " · " + check.title()
								+ ": " + (result == null ? "not evaluated" : result.label())));
			}
			boolean got = IsolationHistory.worse(report, dayAgo.get(report.hub()));
			worse += got ? 1 : 0;
			rows.add(new MatrixView.Row(report.hub(), report.cluster(), report.score(), report.failing(), got,
					report.stale(), report.unavailable(), cells));
		}
		List<String> clusters = new ArrayList<>(new TreeSet<>(reports.stream().map(IsolationReport::cluster).toList()));
		return new MatrixView(
				checks.stream()
					.map(c -> new MatrixView.Column(c.id(), c.title(),
							c.severity().name().toLowerCase(java.util.Locale.ROOT)))
					.toList(),
				rows, clusters, filter, "/staff/isolation" + filter.query(!filter.onlyFailing()),
				"/staff/isolation.csv" + filter.query(filter.onlyFailing()), worse);
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
