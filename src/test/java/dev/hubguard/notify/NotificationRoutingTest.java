package dev.hubguard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.identity.RecentPeople;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import java.time.Duration;
import java.time.Instant;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import dev.hubguard.support.PortalTest;

/**
 * Each event reaches exactly the people it concerns, and nobody else: never another hub's
 * admins, never a signed-in nobody.
 */
@PortalTest
class NotificationRoutingTest {

	static final String MTU = "/api/v1/hubs/2i2c/mtu/internet-access";

	@LocalServerPort
	int port;

	@Value("${hubguard.machine-tokens.alertmanager-token}")
	String token;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	NotifyWorker worker;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecentPeople recent;

	@Autowired
	ApplyWatch applyWatch;

	@Autowired
	HubCatalogue catalogue;

	People people;

	@BeforeEach
	void signIn() {
		people = new People(port, accounts, tokens);
		worker.drain();
	}

	@AfterEach
	void withdrawWhatIsLeftOpen() {
		for (JsonNode request : people.ada.get("/api/v1/change-requests?state=pending&limit=200").json()) {
			people.ada.post("/api/v1/change-requests/" + request.get("id").asLong() + "/withdraw", null);
		}
	}

	/**
	 * Ada asks for OPEN internet access on her hub: a pending request (first closing it
	 * down, applied at once, if it is open already).
	 */
	long fileWidening() {
		Api.Response filed = people.ada.put(MTU, request("OPEN"));
		if (!"pending".equals(filed.json().get("state").asString())) {
			people.ada.put(MTU, request("BLOCKED"));
			filed = people.ada.put(MTU, request("OPEN"));
		}
		assertThat(filed.status()).as(filed.body()).isEqualTo(202);
		assertThat(filed.json().get("state").asString()).isEqualTo("pending");
		return filed.json().get("id").asLong();
	}

	String request(String mode) {
		JsonNode desired = people.ada.get(MTU).json().get("desired");
		int base = desired == null || desired.isNull() ? 0 : desired.get("version").asInt();
		return """
				{"mode":"%s","justification":"students need PyPI <b>now</b>","baseVersion":%d}""".formatted(mode, base);
	}

	/** (recipient, channel) pairs filed for a topic and kind. */
	Set<String> deliveries(String topic, String kind) {
		return jdbc
			.sql("""
					select d.recipient || ' ' || d.channel from notify_deliveries d join notify_events e on e.id = d.event_id
					where e.topic = :t and e.kind like :k""")
			.param("t", topic)
			.param("k", kind)
			.query(String.class)
			.set();
	}

	Set<String> recipients(String topic, String kind) {
		return deliveries(topic, kind).stream().map(d -> d.substring(0, d.indexOf(' '))).collect(Collectors.toSet());
	}

	/** Every person told is staff, or an admin of the hub: nobody else. */
	void onlyStaffAndAdminsOf(String hub, Set<String> recipients) {
		var mtu = catalogue.find(HubRef.parse(hub)).orElseThrow();
		for (String recipient : recipients) {
			if (recipient.startsWith("mailto:") || recipient.startsWith("chat:")) {
				continue;
			}
			RecentPeople.Reachable person = recent.byHandle(recipient).orElseThrow();
			assertThat(person.staff() || person.administers(mtu)).as(recipient + " may see " + hub).isTrue();
		}
	}

	@Test
	void aFiledRequestReachesStaffAndTheHubsOtherAdminsButNotItsAuthorNorOthers() {
		long id = fileWidening();
		worker.drain();
		Set<String> deliveries = deliveries("change:" + id, "change.filed");
		assertThat(deliveries).contains("cilogon:sam@hubguard.example portal", "cilogon:sam@hubguard.example email",
				"github:second-staff portal", "github:second-staff email");
		Set<String> recipients = recipients("change:" + id, "change.filed");
		assertThat(recipients).doesNotContain("cilogon:ada@mtu.example", "github:bo-hhmi",
				"cilogon:nia@elsewhere.example");
		onlyStaffAndAdminsOf("2i2c/mtu", recipients);
		// Staff get pending requests as an hourly digest by default: nothing mailed yet.
		assertThat(Mailbox.withSubject("Change " + id + " on 2i2c/mtu waits for review")).isEmpty();
		assertThat(jdbc.sql("""
				select count(*) from notify_deliveries d join notify_events e on e.id = d.event_id
				where e.topic = :t and d.channel = 'email' and d.recipient = 'cilogon:sam@hubguard.example'
				    and d.digest and d.state = 'pending'""").param("t", "change:" + id).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aDecisionReachesOnlyItsAuthor() {
		long approved = fileWidening();
		assertThat(people.sam.post("/api/v1/change-requests/" + approved + "/approve", null).status()).isEqualTo(200);
		long rejected = fileWidening();
		assertThat(people.second
			.post("/api/v1/change-requests/" + rejected + "/reject", "{\"note\":\"Use <b>WEB_ONLY</b> instead\"}")
			.status()).isEqualTo(200);
		worker.drain();

		List<MimeMessage> approval = Mailbox.withSubject("Change " + approved + " on 2i2c/mtu was approved");
		assertThat(approval).hasSize(1);
		assertThat(Mailbox.to(approval.get(0))).containsExactly("ada@mtu.example");
		assertThat(recipients("change:" + approved, "change.approved")).containsOnly("cilogon:ada@mtu.example");

		Eventually.within(Duration.ofSeconds(20), "the approved change applied",
				() -> applyWatch.check(Instant.now()) > 0
						&& !recipients("change:" + approved, "change.applied").isEmpty()
						|| !jdbc.sql("select 1 from notify_events where dedup_key = :k")
							.param("k", "applied:change:" + approved)
							.query(Integer.class)
							.list()
							.isEmpty());
		worker.drain();
		assertThat(recipients("change:" + approved, "change.applied"))
			.contains("cilogon:ada@mtu.example", "cilogon:sam@hubguard.example", "github:second-staff")
			.doesNotContain("github:bo-hhmi", "cilogon:nia@elsewhere.example");
		assertThat(Mailbox.withSubject("Change " + approved + " on 2i2c/mtu is applied")).isNotEmpty();

		List<MimeMessage> rejection = Mailbox.withSubject("Change " + rejected + " on 2i2c/mtu was rejected");
		assertThat(rejection).hasSize(1);
		assertThat(Mailbox.to(rejection.get(0))).containsExactly("ada@mtu.example");
		String text = Mailbox.text(rejection.get(0));
		assertThat(text).as("the reason, in the text part as written and escaped in HTML")
			.contains("Reason: Use <b>WEB_ONLY</b> instead")
			.contains("Use &lt;b&gt;WEB_ONLY&lt;/b&gt; instead")
			.doesNotContain("<b>WEB_ONLY</b> instead</p>");
		assertThat(text).contains("/changes/" + rejected);
	}

	@Test
	void aCommentReachesTheRequestsParticipantsButNotTheCommenterNorOthers() {
		long id = fileWidening();
		String topic = "change:" + id;
		assertThat(people.second
			.post("/api/v1/change-requests/" + id + "/comments",
					"{\"body\":\"Which <b>packages</b>?\\r\\nBcc: x@example.org\"}")
			.status()).isEqualTo(200);
		worker.drain();
		assertThat(recipients(topic, "change.commented")).as("only the author so far")
			.containsOnly("cilogon:ada@mtu.example");

		assertThat(people.sam.post("/api/v1/change-requests/" + id + "/reject", "{\"note\":\"Ask again with a list\"}")
			.status()).isEqualTo(200);
		assertThat(people.ada.post("/api/v1/change-requests/" + id + "/comments", "{\"body\":\"numpy and pandas\"}")
			.status()).isEqualTo(200);
		worker.drain();
		assertThat(recipients(topic, "change.commented")).as("the earlier commenter and the decider; not Ada again")
			.containsOnly("cilogon:ada@mtu.example", "github:second-staff", "cilogon:sam@hubguard.example");
		assertThat(jdbc.sql("""
				select count(*) from notify_deliveries d join notify_events e on e.id = d.event_id
				where e.topic = :t and e.kind = 'change.commented' and d.recipient = 'cilogon:ada@mtu.example'""")
			.param("t", topic)
			.query(Long.class)
			.single()).as("Ada is told of Second's comment only (portal and email)").isEqualTo(2);

		List<MimeMessage> mails = Mailbox.withSubject("New comment on change " + id + " on 2i2c/mtu");
		assertThat(mails.stream().flatMap(m -> Mailbox.to(m).stream()).toList())
			.containsExactlyInAnyOrder("ada@mtu.example", "second@hubguard.example", "sam@hubguard.example");
		assertThat(mails).allSatisfy(mail -> {
			assertThat(Mailbox.subject(mail)).doesNotContain("packages", "numpy", "Bcc");
			assertThat(Mailbox.text(mail)).contains("/changes/" + id).doesNotContain("<b>packages</b>", "numpy");
		});
		assertThat(Mailbox.where(m -> Mailbox.text(m).contains("/changes/" + id))
			.stream()
			.flatMap(m -> Mailbox.to(m).stream())).doesNotContain("bo@hhmi.example", "nia@elsewhere.example");
	}

	@Test
	void anAbuseReportReachesTheHubsAdminsAndStaffButNeverAnotherHubsAdmins() {
		String ref = Storms.openReport(port, token, jdbc, "warning", 1).ref();
		worker.drain();
		Set<String> recipients = recipients("abuse:" + ref, "abuse.%");
		assertThat(recipients)
			.contains("cilogon:ada@mtu.example", "cilogon:sam@hubguard.example", "github:second-staff")
			.doesNotContain("github:bo-hhmi", "cilogon:nia@elsewhere.example");
		onlyStaffAndAdminsOf("2i2c/mtu", recipients);
		List<MimeMessage> mails = Mailbox.where(m -> Mailbox.text(m).contains("/abuse/" + ref));
		assertThat(mails.stream().flatMap(m -> Mailbox.to(m).stream()))
			.contains("ada@mtu.example", "sam@hubguard.example", "second@hubguard.example")
			.doesNotContain("bo@hhmi.example", "nia@elsewhere.example")
			.doesNotHaveDuplicates();
	}

	@Test
	void anAlertStormOfAThousandAlertsSendsOneMessageEachAndARiseToCriticalAtOnce() {
		Storms.Report report = Storms.openReport(port, token, jdbc, "warning", 1000);
		worker.drain();
		List<MimeMessage> mails = Mailbox.where(m -> Mailbox.text(m).contains("/abuse/" + report.ref()));
		assertThat(mails.stream().flatMap(m -> Mailbox.to(m).stream()).toList())
			.as("one message per recipient for 1,000 alerts")
			.containsOnlyOnce("ada@mtu.example", "sam@hubguard.example")
			.doesNotHaveDuplicates();

		Storms.alert(port, token, report.pod(), "critical");
		Storms.alert(port, token, report.pod(), "critical");
		worker.drain();
		List<MimeMessage> after = Mailbox.where(m -> Mailbox.text(m).contains("/abuse/" + report.ref()));
		assertThat(after.stream().flatMap(m -> Mailbox.to(m).stream()).filter("ada@mtu.example"::equals))
			.as("the rise to critical is told at once, once")
			.hasSize(2);
	}

}
