package dev.hubguard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Assignments, ticket links and security concerns reach exactly their people; chat gets
 * escaped text through a real HTTP receiver; no secret value reaches any message.
 */
@PortalTest
class NotificationEventsTest {

	@LocalServerPort
	int port;

	@Value("${hubguard.machine-tokens.alertmanager-token}")
	String token;

	@Value("${hubguard.notify.webhooks-file}")
	Path webhooksFile;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	NotifyWorker worker;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Reminders reminders;

	@Autowired
	dev.hubguard.isolation.IsolationHistory history;

	@Autowired
	dev.hubguard.isolation.IsolationViews isolation;

	People people;

	HttpServer receiver;

	final List<String> chat = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws IOException {
		people = new People(port, accounts, tokens);
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hook", exchange -> {
			chat.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.createContext("/moved", exchange -> {
			exchange.getResponseHeaders()
				.add("Location", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		receiver.start();
		hook("/hook");
		worker.drain();
	}

	void hook(String path) throws IOException {
		Files.createDirectories(webhooksFile.toAbsolutePath().getParent());
		// A new modification time even within the same millisecond: a new size.
		Files.writeString(webhooksFile, "test-staff: http://127.0.0.1:" + receiver.getAddress().getPort() + path + "\n"
				+ "# " + UUID.randomUUID() + path + "\n");
		Files.setLastModifiedTime(webhooksFile,
				java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + chat.size() + path.length()));
	}

	@AfterEach
	void stop() {
		receiver.stop(0);
	}

	Set<String> recipients(String topic, String kind) {
		return jdbc.sql("""
				select d.recipient from notify_deliveries d join notify_events e on e.id = d.event_id
				where e.topic = :t and e.kind = :k""").param("t", topic).param("k", kind).query(String.class).set();
	}

	@Test
	void anAssignmentReachesOnlyTheAssigneeAndATicketLinkOnlyTheHubsAdmins() {
		String ref = Storms.openReport(port, token, jdbc, "info", 1).ref();
		assertThat(people.sam.post("/api/v1/abuse-reports/" + ref + "/triage", "{\"assignee\":\"github:second-staff\"}")
			.status()).isEqualTo(200);
		assertThat(people.sam
			.post("/api/v1/abuse-reports/" + ref + "/tickets",
					"{\"ticketId\":\"T-" + ref + "\",\"url\":\"https://support.example.org/t/1\"}")
			.status()).isEqualTo(200);
		worker.drain();
		assertThat(recipients("abuse:" + ref, "abuse.assigned")).containsExactly("github:second-staff");
		Set<String> linked = recipients("abuse:" + ref, "abuse.ticket-linked");
		assertThat(linked).contains("cilogon:ada@mtu.example")
			.doesNotContain("cilogon:sam@hubguard.example", "github:second-staff", "github:bo-hhmi",
					"cilogon:nia@elsewhere.example");
	}

	@Test
	void aSecurityConcernReachesStaffOnlyAndChatGetsEscapedText() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		String marker = UUID.randomUUID().toString().substring(0, 8);
		assertThat(ada
			.postForm("/security-concern", "/security-concern",
					"hub=2i2c%2Fmtu&summary=" + SignInClient.encode("<!channel> & <b>" + marker + "</b>") + "&details="
							+ SignInClient.encode("Someone shares tokens."))
			.statusCode()).isLessThan(400);
		worker.drain();
		String topic = jdbc.sql("select topic from notify_events where kind = 'security.concern' and body like :m")
			.param("m", "%" + marker + "%")
			.query(String.class)
			.single();
		Set<String> told = recipients(topic, "security.concern");
		assertThat(told).contains("cilogon:sam@hubguard.example", "github:second-staff", "chat:test-staff")
			.doesNotContain("cilogon:ada@mtu.example", "github:bo-hhmi", "cilogon:nia@elsewhere.example");
		List<String> posted = chat.stream().filter(body -> body.contains(marker)).toList();
		assertThat(posted).hasSize(1);
		assertThat(posted.get(0)).contains("&lt;!channel&gt; &amp; &lt;b&gt;" + marker)
			.doesNotContain("<!channel>")
			.startsWith("{\"text\":");
	}

	@Test
	void aWebhookThatRedirectsIsNotFollowed() throws IOException {
		hook("/moved");
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		String marker = UUID.randomUUID().toString().substring(0, 8);
		ada.postForm("/security-concern", "/security-concern",
				"summary=redirect+" + marker + "&details=" + SignInClient.encode("A redirecting hook."));
		worker.drain();
		assertThat(chat).noneMatch(body -> body.contains(marker));
		String error = jdbc.sql("""
				select d.last_error from notify_deliveries d join notify_events e on e.id = d.event_id
				where e.body like :m and d.channel = 'chat'""")
			.param("m", "%" + marker + "%")
			.query(String.class)
			.single();
		assertThat(error).contains("302").contains("not followed").doesNotContain("127.0.0.1").doesNotContain("/moved");
	}

	@Test
	void aDropInAHubsIsolationScoreIsToldToItsAdminsAndStaffOnce() {
		if (isolation.latestScores().get("2i2c/mtu") == null) {
			history.snapshotAll();
		}
		assertThat(isolation.latestScores().get("2i2c/mtu")).as("2i2c/mtu has a score").isNotNull();
		// As though the last score seen had been better than any.
		jdbc.sql("""
				insert into notify_topic_severity (topic, rank) values ('isolation:2i2c/mtu', 1000)
				on conflict (topic) do update set rank = 1000""").update();
		long before = drops();
		reminders.check();
		reminders.check();
		assertThat(drops()).isEqualTo(before + 1);
		worker.drain();
		String topic = "isolation:2i2c/mtu";
		assertThat(recipients(topic, "isolation.worse"))
			.contains("cilogon:ada@mtu.example", "cilogon:sam@hubguard.example")
			.doesNotContain("github:bo-hhmi", "cilogon:nia@elsewhere.example");
	}

	long drops() {
		return jdbc.sql("select count(*) from notify_events where kind = 'isolation.worse' and hub = '2i2c/mtu'")
			.query(Long.class)
			.single();
	}

	@Test
	void noSecretValueReachesAnyMessage() {
		String canary = "canary-" + UUID.randomUUID();
		String prod = "/api/v1/hubs/nasa-cryo/prod/secrets";
		people.sam.put("/api/v1/staff/hubs/nasa-cryo/prod/secrets-approval", "{\"needsApproval\":true}");
		Api.Response filed = people.sam.put(prod + "/NOTIFY_CANARY",
				"{\"value\":\"" + canary + "\",\"delivery\":\"ENV\",\"justification\":\"canary\"}");
		assertThat(filed.status()).isEqualTo(202);
		people.second.post("/api/v1/change-requests/" + filed.json().get("id").asLong() + "/approve", null);
		Api.Response other = people.sam.put(prod + "/NOTIFY_CANARY_2",
				"{\"value\":\"" + canary + "-2\",\"delivery\":\"ENV\",\"justification\":\"canary\"}");
		people.second.post("/api/v1/change-requests/" + other.json().get("id").asLong() + "/reject",
				"{\"note\":\"not needed\"}");
		worker.drain();
		assertThat(recipients("change:" + filed.json().get("id").asLong(), "change.approved"))
			.contains("cilogon:sam@hubguard.example");
		assertThat(Mailbox.all().stream().map(Mailbox::text).collect(Collectors.joining())).doesNotContain(canary);
		assertThat(String.join("", chat)).doesNotContain(canary);
		assertThat(jdbc.sql("select count(*) from notify_events where title like :c or body like :c")
			.param("c", "%" + canary + "%")
			.query(Long.class)
			.single()).isZero();
	}

}
