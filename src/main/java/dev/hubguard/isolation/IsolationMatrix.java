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

	/** The checks the filter shows, worst severity first (page order within one). */
	static List<Check> columns(List<IsolationReport> reports, MatrixFilter filter) {
		List<Check> columns = new ArrayList<>();
		List<Check> bySeverity = Checks.ALL.stream().sorted(Comparator.comparing(Check::severity)).toList();
		for (Check check : bySeverity) {
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
		Cursor after = filter.byCritical() ? Cursor.decode(cursor, "isolation-critical", 4)
				: Cursor.decode(cursor, "isolation", 2);
		int size = Cursor.limit(limit, PAGE, MAX_PAGE);
		List<Check> checks = columns(reports, filter);
		Comparator<Position> order = filter.byCritical() ? Position.BY_CRITICAL : Position.BY_HUB;
		List<IsolationReport> kept = rows(reports, filter).stream()
			.sorted(Comparator.comparing(Position::of, order))
			.toList();
		int worse = (int) kept.stream().filter(r -> IsolationHistory.worse(r, dayAgo.get(r.hub()))).count();
		Position from = after == null ? null
				: filter.byCritical() ? new Position((int) after.number(1), (int) after.number(2), after.text(3))
						: new Position(0, 0, after.text(1));
		List<IsolationReport> rest = from == null ? kept
				: kept.stream().filter(r -> order.compare(Position.of(r), from) > 0).toList();
		String query = filter.query(filter.onlyFailing());
		List<MatrixView.Row> rows = new ArrayList<>();
		for (IsolationReport report : rest.subList(0, Math.min(size, rest.size()))) {
			rows.add(row(report, checks, dayAgo, query));
		}
		String next = null;
		if (rest.size() > size) {
			MatrixView.Row last = rows.get(rows.size() - 1);
			next = (filter.byCritical() ? Cursor.of("isolation-critical", String.valueOf(last.critical()),
					String.valueOf(last.failing()), last.hub()) : Cursor.of("isolation", last.hub()))
				.encode();
		}
		String sized = size == PAGE ? "" : "limit=" + size;
		List<String> clusters = new ArrayList<>(new TreeSet<>(reports.stream().map(IsolationReport::cluster).toList()));
		List<MatrixView.Group> groups = new ArrayList<>();
		for (Check check : checks) {
			String severity = label(check);
			if (!groups.isEmpty() && groups.get(groups.size() - 1).severity().equals(severity)) {
				groups.set(groups.size() - 1, new MatrixView.Group(severity, groups.get(groups.size() - 1).span() + 1));
			}
			else {
				groups.add(new MatrixView.Group(severity, 1));
			}
		}
		return new MatrixView(checks.stream().map(c -> new MatrixView.Column(c.id(), c.title(), label(c))).toList(),
				groups, rows, clusters, filter, "/staff/isolation" + filter.query(!filter.onlyFailing()),
				"/staff/isolation" + filter.sorted(null).query(filter.onlyFailing()),
				"/staff/isolation" + filter.sorted(MatrixFilter.BY_CRITICAL).query(filter.onlyFailing()),
				"/staff/isolation.csv" + filter.sorted(null).query(filter.onlyFailing()), worse, kept.size(), next,
				next == null ? null : link(path, filter, sized, "cursor=" + next),
				after == null ? null : link(path, filter, sized, ""));
	}

	/** Where a hub stands in an order of the matrix. */
	record Position(int critical, int failing, String hub) {

		static final Comparator<Position> BY_HUB = Comparator.comparing(Position::hub);

		static final Comparator<Position> BY_CRITICAL = Comparator.comparingInt(Position::critical)
			.reversed()
			.thenComparing(Comparator.comparingInt(Position::failing).reversed())
			.thenComparing(Position::hub);

		static Position of(IsolationReport report) {
			return new Position(IsolationMatrix.critical(report), report.failing(), report.hub());
		}

	}

	/** How many critical checks a hub fails. */
	static int critical(IsolationReport report) {
		return (int) report.findings()
			.stream()
			.filter(f -> f.result() == Result.FAIL && f.check().severity() == Severity.CRITICAL)
			.count();
	}

	private static MatrixView.Row row(IsolationReport report, List<Check> checks, Map<String, Integer> dayAgo,
			String query) {
		Map<String, Finding> findings = new java.util.HashMap<>();
		report.findings().forEach(f -> findings.put(f.id(), f));
		List<MatrixView.Cell> cells = new ArrayList<>();
		for (Check check : checks) {
			Finding finding = findings.get(check.id());
			Result result = finding == null ? null : finding.result();
			boolean hidesCritical = result == Result.EXEMPT && check.severity() == Severity.CRITICAL;
			String title = report.hub() + " · " + check.title() + " (" + label(check) + "): "
					+ (result == null ? "not evaluated" : result.label())
					+ (result == Result.EXEMPT && finding.exemption() != null
							? (hidesCritical ? ", hides a critical failure" : "") + " — " + finding.exemption() : "");
			String exempt = result == Result.FAIL || result == Result.WARN
					? "/staff/isolation" + query + (query.isEmpty() ? "?" : "&") + "exempt=" + java.net.URLEncoder
						.encode(report.hub() + " " + check.id(), java.nio.charset.StandardCharsets.UTF_8)
					: null;
			cells.add(new MatrixView.Cell(check.id(), result == null ? "none" : result.label(),
					"/hubs/" + report.hub() + "/isolation#" + check.id(), title, check.title(), label(check), exempt,
					hidesCritical));
		}
		return new MatrixView.Row(report.hub(), report.cluster(), report.score(), report.failing(), critical(report),
				IsolationHistory.worse(report, dayAgo.get(report.hub())), report.stale(), report.unavailable(), cells);
	}

	static String label(Check check) {
		return check.severity().name().toLowerCase(java.util.Locale.ROOT);
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
