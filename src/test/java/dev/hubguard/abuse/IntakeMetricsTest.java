package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The intake's own metrics move with what happens: refused notifications are counted by
 * reason, and each cluster's cryptnono read time advances when its agents are read.
 */
@PortalTest
class IntakeMetricsTest {

	@LocalServerPort
	int port;

	@Value("${hubguard.machine-tokens.alertmanager-token}")
	String token;

	@Autowired
	MeterRegistry meters;

	@Autowired
	CryptnonoFollower follower;

	double rejected(String reason) {
		return meters.get("hubguard_alerts_rejected").tag("reason", reason).counter().count();
	}

	int post(String body) throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/alertmanager"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode();
		}
	}

	@Test
	void refusedNotificationsAreCountedByReason() throws Exception {
		double invalid = rejected("invalid");
		double tooLarge = rejected("too_large");

		assertThat(post("{\"version\":\"3\",\"alerts\":[]}")).isEqualTo(400);
		assertThat(post("{\"version\":\"4\",\"alerts\":[")).isEqualTo(400);
		assertThat(post("{\"x\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}")).isEqualTo(413);
		assertThat(post("{\"version\":\"4\",\"alerts\":[]}")).as("an empty notification is fine").isEqualTo(200);

		assertThat(rejected("invalid")).isEqualTo(invalid + 2);
		assertThat(rejected("too_large")).isEqualTo(tooLarge + 1);
	}

	@Test
	void eachClustersCryptnonoReadTimeAdvancesWhenItsAgentsAreRead() {
		double before = Instant.now().toEpochMilli() / 1000.0;

		follower.poll();

		for (String cluster : new String[] { "hhmi", "nasa-cryo" }) {
			double read = meters.get(CryptnonoLag.METRIC).tag("cluster", cluster).gauge().value();
			assertThat(read).as(cluster).isGreaterThanOrEqualTo(Math.floor(before));
		}
	}

}
