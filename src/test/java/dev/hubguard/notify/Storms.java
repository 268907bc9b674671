package dev.hubguard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alertmanager deliveries about one user server of 2i2c/mtu, as Alertmanager sends them.
 */
final class Storms {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private Storms() {
	}

	record Report(String ref, String pod) {
	}

	/**
	 * Sends {@code alerts} alerts (five per delivery) about a new pod; answers its
	 * report.
	 */
	static Report openReport(int port, String token, JdbcClient jdbc, String severity, int alerts) {
		// A user of its own (the pod name carries it): a report of its own, whatever ran
		// before.
		String pod = "jupyter-storm" + UUID.randomUUID().toString().substring(0, 8);
		for (int sent = 0; sent < alerts; sent += 5) {
			post(port, token, pod, severity, Math.min(5, alerts - sent));
		}
		String ref = jdbc.sql("""
				select r.ref from abuse_reports r join abuse_alerts a on a.report_id = r.id where a.pod = :pod
				limit 1""").param("pod", pod).query(String.class).single();
		return new Report(ref, pod);
	}

	static void alert(int port, String token, String pod, String severity) {
		post(port, token, pod, severity, 1);
	}

	private static void post(int port, String token, String pod, String severity, int count) {
		List<String> alerts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			alerts
				.add("""
						{"status":"firing","labels":{"alertname":"UserCpuHigh","cluster":"2i2c","namespace":"mtu",
						  "pod":"%s","severity":"%s"},"annotations":{"summary":"CPU pinned"},"startsAt":"%s",
						  "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph","fingerprint":"%s"}"""
					.formatted(pod, severity, Instant.now(),
							UUID.randomUUID().toString().replace("-", "").substring(0, 16)));
		}
		String body = """
				{"version":"4","groupKey":"{}:{alertname=\\"UserCpuHigh\\"}","truncatedAlerts":0,"status":"firing",
				 "receiver":"hubguard","groupLabels":{},"commonLabels":{},"commonAnnotations":{},
				 "externalURL":"http://alertmanager:9093","alerts":[%s]}""".formatted(String.join(",", alerts));
		try {
			HttpResponse<String> response = HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/alertmanager"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
