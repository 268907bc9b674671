package dev.hubguard.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager keeps sending while the portal loses its database for a few seconds: every
 * notification answered 2xx is stored, the senders' retries of the others land once, and
 * nothing is stored twice. The production jar runs in its own JVM and reaches PostgreSQL
 * through a TCP proxy that the test cuts. Runs after {@code package}, by failsafe.
 */
class IntakeDuringDatabaseOutageIT {

	private static final String DATABASE = "hubguard_intake_outage";

	private static final String TOKEN = "amw_intake_outage_check";

	private static final int SENDERS = 4;

	private static final int NOTIFICATIONS = 240;

	private static final int ALERTS_EACH = 20;

	@Test
	void everyAcknowledgedAlertSurvivesACutDatabaseAndRetriesAreStoredOnce() throws Exception {
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
				"")) {
			admin.createStatement().execute("drop database if exists " + DATABASE + " with (force)");
			admin.createStatement().execute("create database " + DATABASE);
		}
		Path dir = Files.createTempDirectory("hubguard-intake-outage");
		Path catalogue = dir.resolve("clusters.yaml");
		Files.writeString(catalogue, Replica.ONE_HUB_CATALOGUE);
		try (TcpProxy proxy = new TcpProxy(5432)) {
			Replica portal = Replica.start("intake", dir,
					Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + DATABASE,
							"SPRING_DATASOURCE_USERNAME", "postgres", "HUBGUARD_GITHUB_CLIENT_ID", "intake-check",
							"HUBGUARD_GITHUB_CLIENT_SECRET", "not-used", "HUBGUARD_CATALOGUE", catalogue.toString(),
							"HUBGUARD_BIND_ADDRESS", "127.0.0.1", "HUBGUARD_LOG_FORMAT", "",
							"HUBGUARD_ALERTMANAGER_TOKEN", TOKEN, "HUBGUARD_KEKS",
							"intake-1:" + Base64.getEncoder().encodeToString(new byte[32])),
					List.of("--spring.datasource.hikari.connection-timeout=2000"));
			try {
				portal.awaitReady(Duration.ofMinutes(3));
				Sent sent = sendWhileCutting(portal.port(), proxy);
				System.out.printf(
						"intake through a database cut: %d notifications x %d alerts, %d answers not 2xx "
								+ "(retried), %d acknowledged; cut after %d, restored after %d notifications%n",
						NOTIFICATIONS, ALERTS_EACH, sent.refusals(), NOTIFICATIONS, sent.cutAt(), sent.restoredAt());
				assertThat(sent.refusals()).as("the cut was felt by the senders").isPositive();
				// Every notification was eventually acknowledged, and each alert is
				// stored once.
				assertThat(storedAlerts()).isEqualTo(NOTIFICATIONS * ALERTS_EACH);
				assertThat(distinctFingerprints()).isEqualTo(NOTIFICATIONS * ALERTS_EACH);
				// Alertmanager resends what it already sent: nothing changes.
				assertThat(post(HttpClient.newHttpClient(), portal.port(), notification(0))).isEqualTo(200);
				assertThat(storedAlerts()).isEqualTo(NOTIFICATIONS * ALERTS_EACH);
				assertThat(portal.status("/actuator/health/readiness")).isEqualTo(200);
			}
			finally {
				portal.stop();
			}
		}
	}

	private record Sent(int refusals, int cutAt, int restoredAt) {
	}

	/**
	 * Senders post numbered notifications, retrying each (as Alertmanager does) until it
	 * is acknowledged; the proxy is cut after a quarter of them and restored five seconds
	 * later.
	 */
	private static Sent sendWhileCutting(int port, TcpProxy proxy) throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger acknowledged = new AtomicInteger();
		AtomicLong refusals = new AtomicLong();
		AtomicInteger cutAt = new AtomicInteger(-1);
		AtomicInteger restoredAt = new AtomicInteger(-1);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
			List<Future<?>> work = new ArrayList<>();
			for (int s = 0; s < SENDERS; s++) {
				work.add(senders.submit(() -> {
					for (int n = next.getAndIncrement(); n < NOTIFICATIONS; n = next.getAndIncrement()) {
						String body = notification(n);
						while (post(http, port, body) / 100 != 2) {
							refusals.incrementAndGet();
							Thread.sleep(200);
						}
						acknowledged.incrementAndGet();
					}
					return null;
				}));
			}
			while (acknowledged.get() < NOTIFICATIONS / 4) {
				Thread.sleep(20);
			}
			cutAt.set(acknowledged.get());
			proxy.cut();
			Thread.sleep(5_000);
			restoredAt.set(acknowledged.get());
			proxy.restore();
			for (Future<?> sender : work) {
				sender.get();
			}
		}
		return new Sent((int) refusals.get(), cutAt.get(), restoredAt.get());
	}

	private static int post(HttpClient http, int port, String body) {
		try {
			return http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/alertmanager"))
					.timeout(Duration.ofSeconds(10))
					.header("Authorization", "Bearer " + TOKEN)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (java.io.IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	private static String notification(int n) {
		StringBuilder body = new StringBuilder("{\"version\":\"4\",\"groupKey\":\"outage\",\"status\":\"firing\","
				+ "\"receiver\":\"hubguard\",\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},"
				+ "\"externalURL\":\"http://alertmanager:9093\",\"alerts\":[");
		String startsAt = Instant.parse("2026-12-01T00:00:00Z").plusSeconds(n).toString();
		for (int i = 0; i < ALERTS_EACH; i++) {
			body.append(i == 0 ? "" : ",")
				.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"UserMemoryNearLimit\",\"cluster\":\"prod\",")
				.append("\"namespace\":\"staging\",\"pod\":\"jupyter-user")
				.append(i)
				.append("\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"memory near limit\"},")
				.append("\"startsAt\":\"")
				.append(startsAt)
				.append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus:9090/graph\",")
				.append("\"fingerprint\":\"")
				.append(String.format("%08x%08x", n, i))
				.append("\"}");
		}
		return body.append("]}").toString();
	}

	private static long storedAlerts() throws Exception {
		return count("select count(*) from abuse_alerts where source = 'alertmanager'");
	}

	private static long distinctFingerprints() throws Exception {
		return count("select count(distinct fingerprint) from abuse_alerts where source = 'alertmanager'");
	}

	private static long count(String sql) throws Exception {
		try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres",
				""); ResultSet rows = db.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
