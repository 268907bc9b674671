package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alertmanager's webhook: real payloads become reports; retries change nothing; bad input
 * changes nothing.
 */
@PortalTest
class AlertmanagerWebhookTest {

	@LocalServerPort
	int port;

	@Value("${hubguard.machine-tokens.alertmanager-token}")
	String token;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	DataSource dataSource;

	@Autowired
	ApiTokens tokens;

	static String payload(String fingerprint, String status, String namespace, String pod, Instant startsAt,
			String endsAt) {
		return """
				{"version":"4","groupKey":"{}:{alertname=\\"UserMemoryNearLimit\\"}","truncatedAlerts":0,
				 "status":"%s","receiver":"hubguard","groupLabels":{"alertname":"UserMemoryNearLimit"},
				 "commonLabels":{"alertname":"UserMemoryNearLimit"},"commonAnnotations":{},
				 "externalURL":"http://alertmanager:9093","notification_reason":"new","routeLabels":{},
				 "alerts":[{"status":"%s","labels":{"alertname":"UserMemoryNearLimit","cluster":"2i2c",
				   "namespace":"%s","pod":"%s","severity":"warning"},
				   "annotations":{"summary":"memory at 97%% of limit"},"startsAt":"%s","endsAt":"%s",
				   "generatorURL":"http://prometheus:9090/graph","fingerprint":"%s","futureField":1}]}"""
			.formatted(status, status, namespace, pod, startsAt, endsAt, fingerprint);
	}

	static String fingerprint() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	HttpResponse<String> post(String authorization, String body) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/alertmanager"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	int rows(String table) {
		return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	@Test
	void anAlertIsAttachedToItsHubAndToTheUserOfItsPod() {
		String fp = fingerprint();
		HttpResponse<String> response = post("Bearer " + token,
				payload(fp, "firing", "mtu", "jupyter-grader-40mtu-2eexample",
						Instant.now().truncatedTo(ChronoUnit.SECONDS), "0001-01-01T00:00:00Z"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"new\":1");
		var row = jdbc.sql("""
				select a.hub, a.username, a.ends_at is null as open, r.state, r.subject from abuse_alerts a
				join abuse_reports r on r.id = a.report_id where a.fingerprint = :fp""")
			.param("fp", fp)
			.query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getBoolean(3) + "|" + rs.getString(4)
					+ "|" + rs.getString(5))
			.single();
		assertThat(row).isEqualTo("2i2c/mtu|grader@mtu.example|true|OPEN|user:grader@mtu.example");
	}

	int listedCount(Api staff, String ref) {
		for (var report : staff.get("/api/v1/abuse-reports?hub=2i2c/mtu&limit=200").json()) {
			if (report.get("ref").asString().equals(ref)) {
				return report.get("alertCount").asInt();
			}
		}
		throw new AssertionError("report " + ref + " not listed");
	}

	@Test
	void theListCountsAnAlertTakenInJustAfterTheListWasRead() {
		Api staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String pod = "jupyter-listed-40mtu-2eexample";
		assertThat(post("Bearer " + token, payload(fingerprint(), "firing", "mtu", pod, now, "0001-01-01T00:00:00Z"))
			.statusCode()).isEqualTo(200);
		String ref = jdbc
			.sql("select r.ref from abuse_reports r join abuse_alerts a on a.report_id = r.id"
					+ " where a.pod = :pod limit 1")
			.param("pod", pod)
			.query(String.class)
			.single();
		int before = listedCount(staff, ref);

		assertThat(post("Bearer " + token,
				payload(fingerprint(), "firing", "mtu", pod, now.plusSeconds(1), "0001-01-01T00:00:00Z"))
			.statusCode()).isEqualTo(200);

		assertThat(listedCount(staff, ref)).isEqualTo(before + 1);
	}

	@Test
	void anAlertOnAnOpenReportDoesNotWaitForAnotherDeliveryOpeningAReportOnTheSameHub() throws Exception {
		String pod = "jupyter-grader-40mtu-2eexample";
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		assertThat(post("Bearer " + token, payload(fingerprint(), "firing", "mtu", pod, now, "0001-01-01T00:00:00Z"))
			.statusCode()).isEqualTo(200);
		try (Connection other = dataSource.getConnection()) {
			// Another delivery, not yet committed, that opens a new report on the same
			// hub.
			other.setAutoCommit(false);
			other.createStatement()
				.execute("insert into abuse_reports (ref, hub, subject, username, state, opened_at, updated_at)"
						+ " values ('" + fingerprint().substring(0, 12) + "', '2i2c/mtu', 'user:" + fingerprint()
						+ "', null, 'OPEN', now(), now())");
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/alertmanager"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers
					.ofString(payload(fingerprint(), "firing", "mtu", pod, now, "0001-01-01T00:00:00Z")))
				.build();
			try (HttpClient client = HttpClient.newHttpClient()) {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains("\"new\":1");
			}
			finally {
				other.rollback();
			}
		}
	}

	@Test
	void aRetriedNotificationChangesNothing() {
		String body = payload(fingerprint(), "firing", "mtu", "jupyter-grader-40mtu-2eexample",
				Instant.now().truncatedTo(ChronoUnit.SECONDS), "0001-01-01T00:00:00Z");
		post("Bearer " + token, body);
		int alerts = rows("abuse_alerts");
		int reportAlerts = jdbc.sql("select count(*) from abuse_reports").query(Integer.class).single();

		HttpResponse<String> again = post("Bearer " + token, body);

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("\"new\":0");
		assertThat(rows("abuse_alerts")).isEqualTo(alerts);
		assertThat(jdbc.sql("select count(*) from abuse_reports").query(Integer.class).single())
			.isEqualTo(reportAlerts);
	}

	@Test
	void aResolvedNotificationClosesTheFiringAlert() {
		String fp = fingerprint();
		Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
		post("Bearer " + token,
				payload(fp, "firing", "mtu", "jupyter-grader-40mtu-2eexample", started, "0001-01-01T00:00:00Z"));

		post("Bearer " + token, payload(fp, "resolved", "mtu", "jupyter-grader-40mtu-2eexample", started,
				started.plusSeconds(300).toString()));

		assertThat(jdbc.sql("select status || '|' || (ends_at is not null) from abuse_alerts where fingerprint = :fp")
			.param("fp", fp)
			.query(String.class)
			.list()).containsExactly("resolved|true");
	}

	@Test
	void alertsForAnUnknownHubAreKeptForStaffOnly() {
		String fp = fingerprint();
		post("Bearer " + token, payload(fp, "firing", "not-a-hub", "jupyter-x",
				Instant.now().truncatedTo(ChronoUnit.SECONDS), "0001-01-01T00:00:00Z"));
		String ref = jdbc.sql(
				"select r.ref from abuse_alerts a join abuse_reports r on r.id = a.report_id where a.fingerprint = :fp")
			.param("fp", fp)
			.query(String.class)
			.single();

		Api staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Api ada = Api.as(port, accounts, tokens,
				Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		assertThat(staff.get("/api/v1/abuse-reports/" + ref).status()).isEqualTo(200);
		assertThat(ada.get("/api/v1/abuse-reports/" + ref).status()).isEqualTo(404);
	}

	@Test
	void onlyTheConfiguredTokenIsAccepted() {
		String body = payload(fingerprint(), "firing", "mtu", "jupyter-a", Instant.now(), "0001-01-01T00:00:00Z");
		int before = rows("abuse_alerts");
		String personal = "Bearer " + tokens
			.create(accounts.signedIn(Api.cilogon("sam@hubguard.example", null)), "t", java.time.Duration.ofHours(1))
			.value();

		assertThat(post(null, body).statusCode()).isEqualTo(401);
		assertThat(post("Bearer wrong", body).statusCode()).isEqualTo(401);
		assertThat(post(personal, body).statusCode()).as("a person's token is not the webhook's").isEqualTo(401);
		assertThat(rows("abuse_alerts")).isEqualTo(before);
	}

	@Test
	void badNotificationsGetA4xxAndWriteNothing() {
		int before = rows("abuse_alerts");
		String good = payload(fingerprint(), "firing", "mtu", "jupyter-a", Instant.now(), "0001-01-01T00:00:00Z");
		StringBuilder labels = new StringBuilder("\"alertname\":\"Big\"");
		for (int i = 0; i < 150; i++) {
			labels.append(",\"l").append(i).append("\":\"v\"");
		}

		HttpResponse<String> malformed = post("Bearer " + token, "{\"version\":\"4\",\"alerts\":[");
		HttpResponse<String> badTime = post("Bearer " + token,
				good.replaceFirst("\"startsAt\":\"[^\"]+\"", "\"startsAt\":\"yesterday\""));
		HttpResponse<String> hugeLabels = post("Bearer " + token,
				good.replaceFirst("\"labels\":\\{\"alertname\":\"UserMemoryNearLimit\"", "\"labels\":{" + labels));
		HttpResponse<String> farFuture = post("Bearer " + token,
				good.replaceFirst("\"startsAt\":\"[^\"]+\"", "\"startsAt\":\"+300000-01-01T00:00:00Z\""));
		HttpResponse<String> tenMegabytes = post("Bearer " + token, "{\"x\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}");

		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(badTime.statusCode()).isEqualTo(400);
		assertThat(badTime.body()).contains("startsAt");
		assertThat(hugeLabels.statusCode()).isEqualTo(400);
		assertThat(farFuture.statusCode()).isEqualTo(400);
		assertThat(tenMegabytes.statusCode()).isEqualTo(413);
		assertThat(rows("abuse_alerts")).isEqualTo(before);
	}

}
