package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deliveries that arrive together about the same new users all succeed and share one
 * report per user: a report another delivery opened meanwhile is found, not opened twice,
 * and its sort keys count every alert.
 */
@PortalTest
class ConcurrentDeliveriesTest {

	@LocalServerPort
	int port;

	@Value("${hubguard.machine-tokens.alertmanager-token}")
	String token;

	@Autowired
	JdbcClient jdbc;

	@Test
	void deliveriesAboutTheSameNewUsersAtOnceShareOneReportPerUser() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		int deliveries = 8;
		int users = 5;
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> answers = new ArrayList<>();
		try (ExecutorService senders = Executors.newFixedThreadPool(deliveries);
				HttpClient client = HttpClient.newHttpClient()) {
			for (int d = 0; d < deliveries; d++) {
				String body = delivery(run, d, users, now);
				answers.add(senders.submit(() -> {
					start.await();
					return client
						.send(HttpRequest
							.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/alertmanager"))
							.header("Authorization", "Bearer " + token)
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString(body))
							.build(), HttpResponse.BodyHandlers.ofString())
						.statusCode();
				}));
			}
			start.countDown();
			for (Future<Integer> answer : answers) {
				assertThat(answer.get()).isEqualTo(200);
			}
		}
		var reports = jdbc.sql("""
				select r.subject, r.state, r.alert_count, (select count(*) from abuse_alerts a where a.report_id = r.id)
				from abuse_reports r where r.subject like :pods or r.subject like :users order by r.subject""")
			// A pod is reported by its user once attribution knows it, else by its name.
			.param("pods", "pod:jupyter-" + run + "x%")
			.param("users", "user:" + run + "x%")
			.query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3) + "|" + rs.getInt(4))
			.list();
		assertThat(reports).hasSize(users)
			.allSatisfy(r -> assertThat(r).endsWith("|OPEN|" + deliveries + "|" + deliveries));
	}

	/** One alert for each of the users' pods, with fingerprints of its own. */
	static String delivery(String run, int delivery, int users, Instant startsAt) {
		StringBuilder alerts = new StringBuilder();
		for (int u = 0; u < users; u++) {
			if (u > 0) {
				alerts.append(',');
			}
			alerts.append("""
					{"status":"firing","labels":{"alertname":"UserMemoryNearLimit","cluster":"2i2c","namespace":"mtu",
					 "pod":"jupyter-%sx%d","severity":"warning"},"annotations":{},"startsAt":"%s",
					 "endsAt":"0001-01-01T00:00:00Z","fingerprint":"%08x%04x%04x"}""".formatted(run, u, startsAt,
					Math.abs(run.hashCode()), delivery, u));
		}
		return """
				{"version":"4","status":"firing","receiver":"hubguard","alerts":[%s]}""".formatted(alerts);
	}

}
