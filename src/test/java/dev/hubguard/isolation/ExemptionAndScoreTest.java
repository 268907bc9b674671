package dev.hubguard.isolation;

import dev.hubguard.shared.Csv;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The score's weighting, exemptions' reach and expiry, and CSV escaping. */
class ExemptionAndScoreTest {

	static Finding finding(Check check, Result result, String... objects) {
		return new Finding(check, result, List.of("evidence"), List.of(objects), null);
	}

	@Test
	void theScoreIsTheSeverityWeightedShareOfScoredChecksThatPass() {
		List<Finding> findings = List.of(finding(Checks.PRIVILEGED, Result.PASS), // critical
																					// 4
				finding(Checks.NON_ROOT, Result.FAIL), // high 3
				finding(Checks.SECCOMP, Result.WARN), // medium 2
				finding(Checks.CPU_LIMIT, Result.PASS), // low 1
				finding(Checks.CONTROLLER, Result.UNKNOWN), finding(Checks.SYSTEM_PODS, Result.EXEMPT),
				finding(Checks.SOURCE_RANGES, Result.PASS));
		assertThat(IsolationReport.score(findings)).isEqualTo(50);
		assertThat(IsolationReport.score(List.of(finding(Checks.CONTROLLER, Result.UNKNOWN)))).isNull();
	}

	static Exemption exemption(String check, String object, LocalDate until) {
		return new Exemption(1, "c/ns", check, object, "accepted risk", "sam", until, Instant.EPOCH);
	}

	@Test
	void anExemptCheckIsShownExemptAndLeavesTheScoreUntilItExpires() {
		Instant now = Instant.parse("2026-06-30T23:59:00Z");
		List<Finding> findings = List.of(finding(Checks.PRIVILEGED, Result.PASS),
				finding(Checks.NON_ROOT, Result.FAIL, "Pod jupyter-a"));
		Exemption untilToday = exemption("user-pod.non-root", null, LocalDate.parse("2026-06-30"));
		List<Finding> exempted = Exemption.apply(findings, List.of(untilToday), now);
		assertThat(exempted.get(1).result()).isEqualTo(Result.EXEMPT);
		assertThat(exempted.get(1).exemption()).contains("accepted risk", "sam", "2026-06-30");
		assertThat(IsolationReport.score(exempted)).isEqualTo(100);
		List<Finding> expired = Exemption.apply(findings, List.of(untilToday), Instant.parse("2026-07-01T00:00:00Z"));
		assertThat(expired.get(1).result()).isEqualTo(Result.FAIL);
		assertThat(IsolationReport.score(expired)).isEqualTo(57);
	}

	@Test
	void anExemptionForOneObjectCoversOnlyThatObject() {
		Instant now = Instant.parse("2026-06-01T00:00:00Z");
		Exemption one = exemption("user-pod.non-root", "Pod jupyter-a", LocalDate.parse("2026-12-31"));
		assertThat(Exemption.apply(List.of(finding(Checks.NON_ROOT, Result.FAIL, "Pod jupyter-a")), List.of(one), now)
			.get(0)
			.result()).isEqualTo(Result.EXEMPT);
		assertThat(Exemption
			.apply(List.of(finding(Checks.NON_ROOT, Result.FAIL, "Pod jupyter-a", "Pod jupyter-b")), List.of(one), now)
			.get(0)
			.result()).isEqualTo(Result.FAIL);
		assertThat(Exemption.apply(List.of(finding(Checks.SECCOMP, Result.FAIL, "Pod jupyter-a")), List.of(one), now)
			.get(0)
			.result()).isEqualTo(Result.FAIL);
	}

	@Test
	void csvCellsThatSpreadsheetsTakeForFormulasAreEscaped() {
		assertThat(Csv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(Csv.cell("+1")).isEqualTo("'+1");
		assertThat(Csv.cell("-2")).isEqualTo("'-2");
		assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Csv.cell("a, b")).isEqualTo("\"a, b\"");
		assertThat(Csv.cell("plain")).isEqualTo("plain");
		assertThat(Csv.cell(null)).isEmpty();
	}

	@Test
	void snapshotsRoundTripAndNameWhatChanged() {
		Snapshot before = new Snapshot("c/ns", Instant.EPOCH, 80, 1,
				Snapshot.decode(Snapshot.encode(java.util.Map.of("user-pod.non-root", Result.PASS))));
		assertThat(before.changesTo(java.util.Map.of("user-pod.non-root", Result.FAIL)))
			.containsExactly("user-pod.non-root: pass → fail");
	}

}
