package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import dev.hubguard.support.TestPrometheus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report page charts the user's memory and CPU from a real Prometheus, through
 * query_range.
 */
@PortalTest
class UsageChartTest {

	@LocalServerPort
	int port;

	@Autowired
	AlertIntake intake;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theReportShowsTheUsersMemoryAndCpuFromPrometheus() throws Exception {
		TestPrometheus.startWith("mtu", "jupyter-student1-40mtu-2eexample");
		String fp = Long.toHexString(System.nanoTime());
		intake.receive(AlertmanagerPayloads.parse(
				AlertmanagerWebhookTest
					.payload(fp, "firing", "mtu", "jupyter-student1-40mtu-2eexample",
							Instant.now().truncatedTo(ChronoUnit.SECONDS), "0001-01-01T00:00:00Z")
					.getBytes()));
		String ref = jdbc.sql(
				"select r.ref from abuse_alerts a join abuse_reports r on r.id = a.report_id where a.fingerprint = :fp")
			.param("fp", fp)
			.query(String.class)
			.single();
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");

		String page = ada.get("/abuse/" + ref).body();

		Matcher series = Pattern.compile("<polyline class=\"series\" fill=\"none\" points=\"([^\"]+)\"").matcher(page);
		assertThat(series.find()).as("memory chart").isTrue();
		assertThat(series.group(1).split(" ")).hasSizeGreaterThan(60);
		assertThat(series.find()).as("CPU chart").isTrue();
		assertThat(page).as("axes say what they measure")
			.contains(">GiB</text>", ">cores</text>", ">time (UTC)</text>");
		assertThat(page).as("the limits from kube-state-metrics")
			.contains(">limit 4.0 GiB</text>", ">limit 2.0 cores</text>");
		assertThat(Pattern.compile("<line class=\"grid\"").matcher(page).results().count()).as("gridlines")
			.isGreaterThanOrEqualTo(6);
		assertThat(page).as("the alert as a marker").contains("<g class=\"marker\">");
		assertThat(page).doesNotContain("did not answer");
	}

}
