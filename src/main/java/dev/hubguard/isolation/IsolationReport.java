package dev.hubguard.isolation;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One hub's isolation status now.
 *
 * @param stale when the cluster is unreachable: the age of the data, else null
 * @param unavailable why there are no findings (cluster still syncing), else null
 */
public record IsolationReport(String hub, String cluster, List<Finding> findings, List<UserServer> users, String stale,
		String unavailable, Instant evaluatedAt) {

	/** A user's running server and the checks it fails or warns on. */
	public record UserServer(String username, String pod, String phase, String node, List<String> violations) {
	}

	public IsolationReport {
		findings = List.copyOf(findings);
		users = List.copyOf(users);
	}

	/**
	 * The severity-weighted share of scored checks that pass, in percent; null when none
	 * is scored.
	 */
	public Integer score() {
		return score(findings);
	}

	static Integer score(List<Finding> findings) {
		int total = 0;
		int passed = 0;
		for (Finding finding : findings) {
			int weight = finding.check().severity().weight();
			if (weight == 0 || !finding.result().scored()) {
				continue;
			}
			total += weight;
			if (finding.result() == Result.PASS) {
				passed += weight;
			}
		}
		return total == 0 ? null : (int) Math.round(100.0 * passed / total);
	}

	public Map<Result, Integer> counts() {
		Map<Result, Integer> counts = new EnumMap<>(Result.class);
		for (Result result : Result.values()) {
			counts.put(result, 0);
		}
		findings.forEach(f -> counts.merge(f.result(), 1, Integer::sum));
		return counts;
	}

	public int failing() {
		return (int) findings.stream().filter(f -> f.result() == Result.FAIL).count();
	}

	/** Result by check id, in check order. */
	public Map<String, Result> results() {
		Map<String, Result> results = new LinkedHashMap<>();
		findings.forEach(f -> results.put(f.id(), f.result()));
		return results;
	}

	public boolean available() {
		return unavailable == null;
	}

}
