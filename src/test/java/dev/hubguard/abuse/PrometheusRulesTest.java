package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The example alert rules we ship are valid for Prometheus, as its own checker says. */
class PrometheusRulesTest {

	@Test
	void theShippedAbuseRulesPassPromtool() throws Exception {
		Process check = new ProcessBuilder("promtool", "check", "rules", "deploy/prometheus/hubguard-abuse-rules.yaml")
			.redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes());

		assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(check.exitValue()).as(output).isZero();
		assertThat(output).contains("SUCCESS: 6 rules found");
	}

}
