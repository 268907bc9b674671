package dev.hubguard.isolation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hub's checks worst first (pure): what needs attention (failures, then warnings, then
 * unknowns, then exemptions, each by severity) above the passes, and a headline naming
 * the failures by severity with the worst few.
 *
 * @param attention every check that does not pass, worst first
 * @param passes the checks that pass, in page order
 * @param top the worst failures (at most {@value #TOP})
 * @param headline e.g. "2 checks fail: 1 critical, 1 high"
 */
public record WorstFirst(List<FindingView> attention, List<FindingView> passes, List<FindingView> top,
		String headline) {

	static final int TOP = 3;

	private static final List<String> RESULTS = List.of("fail", "warn", "unknown", "exempt");

	static WorstFirst of(List<FindingView> checks) {
		List<FindingView> attention = checks.stream()
			.filter(c -> !c.result().equals("pass"))
			.sorted(Comparator.comparingInt((FindingView c) -> rank(RESULTS, c.result()))
				.thenComparingInt(c -> Severity.valueOf(c.severity().toUpperCase(Locale.ROOT)).ordinal()))
			.toList();
		List<FindingView> passes = checks.stream().filter(c -> c.result().equals("pass")).toList();
		List<FindingView> failing = attention.stream().filter(c -> c.result().equals("fail")).toList();
		Map<String, Integer> bySeverity = new LinkedHashMap<>();
		failing.forEach(c -> bySeverity.merge(c.severity(), 1, Integer::sum));
		List<String> parts = new ArrayList<>();
		bySeverity.forEach((severity, count) -> parts.add(count + " " + severity));
		String headline = failing.isEmpty() ? "No check fails." : failing.size()
				+ (failing.size() == 1 ? " check fails: " : " checks fail: ") + String.join(", ", parts);
		return new WorstFirst(attention, passes, failing.subList(0, Math.min(TOP, failing.size())), headline);
	}

	private static int rank(List<String> order, String value) {
		int at = order.indexOf(value);
		return at < 0 ? order.size() : at;
	}

}
