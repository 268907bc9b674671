package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.Z2jhObjects;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reports open for staff and the hub's admins only; to anyone else they do not exist. */
@PortalTest
class AbuseReportAccessTest {

	@LocalServerPort
	int port;

	@Autowired
	AlertIntake intake;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	Api staff;

	Api ada;

	Api bo;

	String ref;

	@BeforeEach
	void anMtuReport() {
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		ada = Api.as(port, accounts, tokens, Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		ref = reportOfAlertOn("jupyter-student2-40mtu-2eexample");
	}

	/** The report an Alertmanager alert firing now on this mtu pod lands on. */
	String reportOfAlertOn(String pod) {
		String fp = Long.toHexString(System.nanoTime());
		intake.receive(AlertmanagerPayloads.parse(AlertmanagerWebhookTest
			.payload(fp, "firing", "mtu", pod, Instant.now().truncatedTo(ChronoUnit.SECONDS), "0001-01-01T00:00:00Z")
			.getBytes()));
		return jdbc.sql(
				"select r.ref from abuse_alerts a join abuse_reports r on r.id = a.report_id where a.fingerprint = :fp")
			.param("fp", fp)
			.query(String.class)
			.single();
	}

	@Test
	void aTicketIdWithADirectionControlIsRefusedAndANoteShowsItVisibly() {
		String own = reportOfAlertOn("jupyter-bidi-40mtu-2eexample");
		Api.Response refused = staff.post("/api/v1/abuse-reports/" + own + "/tickets",
				"{\"ticketId\":\"1234\u202Egpj.exe\",\"url\":\"https://support.example.org/t/1\"}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("\"field\":\"ticketId\"").contains("direction");
		assertThat(staff.post("/api/v1/abuse-reports/" + own + "/notes", "{\"body\":\"see invoice_\u202Efdp.exe\"}")
			.status()).isEqualTo(200);

		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		HttpResponse<String> page = sam.get("/abuse/" + own);

		assertThat(page.body()).contains("see invoice_[U+202E]fdp.exe").doesNotContain("\u202E");
	}

	@Test
	void anotherHubsAdminGets404OnEveryRouteOfTheReport() {
		assertThat(bo.get("/api/v1/abuse-reports/" + ref).status()).isEqualTo(404);
		assertThat(bo.post("/api/v1/abuse-reports/" + ref + "/triage", "{\"state\":\"resolved\"}").status())
			.isEqualTo(404);
		assertThat(bo.post("/api/v1/abuse-reports/" + ref + "/notes", "{\"body\":\"x\"}").status()).isEqualTo(404);
		assertThat(bo.post("/api/v1/abuse-reports/" + ref + "/tickets", "{\"ticketId\":\"1\",\"url\":\"https://t\"}")
			.status()).isEqualTo(404);
		assertThat(bo.post("/api/v1/abuse-reports/" + ref + "/stop-server", null).status()).isEqualTo(404);
		assertThat(bo.get("/api/v1/hubs/2i2c/mtu/abuse-reports").status()).isEqualTo(403);
		assertThat(bo.get("/api/v1/abuse-reports").body()).doesNotContain(ref);
		assertThat(bo.get("/api/v1/abuse-reports/doesnotexist").body())
			.isEqualTo(bo.get("/api/v1/abuse-reports/" + ref).body().replace(ref, "doesnotexist"));
		SignInClient boInBrowser = new SignInClient(port);
		boInBrowser.signIn("cilogon", "admin-b");
		assertThat(boInBrowser.get("/abuse/" + ref).statusCode()).isEqualTo(404);
	}

	@Test
	void anImpossibleAgeFilterIsABadRequest() {
		assertThat(staff.get("/api/v1/abuse-reports?days=100000000").status()).isEqualTo(400);
		assertThat(staff.get("/api/v1/abuse-reports?days=7").status()).isEqualTo(200);
	}

	@Test
	void aTicketPermalinkOpensTheReportAfterSignIn() {
		HttpResponse<String> page = new SignInClient(port).signInFrom("/abuse/" + ref, "admin-a");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/abuse/" + ref);
		assertThat(page.body()).contains("student2@mtu.example").contains("UserMemoryNearLimit");
	}

	int triagesAudited(String report) {
		return jdbc.sql("select count(*) from audit_log where action = 'abuse.triaged' and summary like :ref")
			.param("ref", "%" + report + ":%")
			.query(Integer.class)
			.single();
	}

	@Test
	void aTriageThatChangesNothingAnswersTheReportAndIsNotAudited() {
		String own = anotherReport();
		String triage = "/api/v1/abuse-reports/" + own + "/triage";
		assertThat(staff.post(triage, "{\"state\":\"investigating\"}").status()).isEqualTo(200);
		int audited = triagesAudited(own);

		Api.Response nothing = staff.post(triage, "{}");
		Api.Response sameState = ada.post(triage, "{\"state\":\"investigating\"}");
		Api.Response stillUnassigned = staff.post(triage, "{\"assignee\":\"\"}");

		for (Api.Response answer : java.util.List.of(nothing, sameState, stillUnassigned)) {
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.json().get("ref").asString()).isEqualTo(own);
			assertThat(answer.json().get("state").asString()).isEqualTo("investigating");
		}
		assertThat(triagesAudited(own)).isEqualTo(audited);
		assertThat(staff.post(triage, "{\"state\":\"resolved\"}").status()).isEqualTo(200);
		assertThat(triagesAudited(own)).isEqualTo(audited + 1);
	}

	@Test
	void theHubAdminTriagesAndOnlyStaffLinkTickets() {
		assertThat(ada
			.post("/api/v1/abuse-reports/" + ref + "/triage",
					"{\"state\":\"investigating\",\"assignee\":\"github:second-staff\"}")
			.json()
			.get("state")
			.asString()).isEqualTo("investigating");
		assertThat(ada.post("/api/v1/abuse-reports/" + ref + "/notes", "{\"body\":\"talked to the student\"}").status())
			.isEqualTo(200);
		assertThat(ada
			.post("/api/v1/abuse-reports/" + ref + "/tickets",
					"{\"ticketId\":\"2i2c-1234\",\"url\":\"https://support.example.org/t/1234\"}")
			.status()).isEqualTo(403);
		assertThat(staff
			.post("/api/v1/abuse-reports/" + ref + "/tickets",
					"{\"ticketId\":\"2i2c-1234\",\"url\":\"javascript:alert(1)\"}")
			.status()).isEqualTo(400);
		assertThat(staff
			.post("/api/v1/abuse-reports/" + ref + "/tickets",
					"{\"ticketId\":\"2i2c-1234\",\"url\":\"https://support.example.org/t/1234\"}")
			.status()).isEqualTo(200);
		assertThat(ada.post("/api/v1/abuse-reports/" + ref + "/triage", "{\"state\":\"bogus\"}").status())
			.isEqualTo(400);

		var details = ada.get("/api/v1/abuse-reports/" + ref).json();
		assertThat(details.get("tickets").get(0).get("ticketId").asString()).isEqualTo("2i2c-1234");
		assertThat(details.get("notes").get(0).get("body").asString()).isEqualTo("talked to the student");
		assertThat(jdbc
			.sql("select count(*) from audit_log where action in ('abuse.triaged','abuse.noted','abuse.ticket-linked') "
					+ "and summary like :ref")
			.param("ref", "%" + ref + "%")
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	/** A report of its own on mtu, for a pod that is not running. */
	String anotherReport() {
		String fp = Long.toHexString(System.nanoTime());
		intake.receive(AlertmanagerPayloads.parse(
				AlertmanagerWebhookTest
					.payload(fp, "firing", "mtu", "jupyter-t" + fp, Instant.now().truncatedTo(ChronoUnit.SECONDS),
							"0001-01-01T00:00:00Z")
					.getBytes()));
		return jdbc.sql(
				"select r.ref from abuse_alerts a join abuse_reports r on r.id = a.report_id where a.fingerprint = :fp")
			.param("fp", fp)
			.query(String.class)
			.single();
	}

	@Test
	void ticketLinksRefuseHugeUrlsCredentialsAndImpossiblePorts() {
		String own = anotherReport();
		String tickets = "/api/v1/abuse-reports/" + own + "/tickets";
		String huge = "https://support.example.org/t/" + "a".repeat(100_000);

		Api.Response tooLong = staff.post(tickets, "{\"ticketId\":\"T-long\",\"url\":\"" + huge + "\"}");
		Api.Response credentials = staff.post(tickets,
				"{\"ticketId\":\"T-creds\",\"url\":\"https://user:pass@support.example.org/t/1\"}");
		Api.Response port = staff.post(tickets,
				"{\"ticketId\":\"T-port\",\"url\":\"https://support.example.org:99999/t/1\"}");
		Api.Response fine = staff.post(tickets,
				"{\"ticketId\":\"T-port-ok\",\"url\":\"https://support.example.org:8443/t/1\"}");

		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("field").asString()).isEqualTo("url");
		assertThat(tooLong.json().get("message").asString()).contains("2048");
		assertThat(credentials.status()).isEqualTo(400);
		assertThat(credentials.json().get("message").asString()).contains("password");
		assertThat(port.status()).isEqualTo(400);
		assertThat(port.json().get("message").asString()).contains("port");
		assertThat(fine.status()).isEqualTo(200);
		assertThat(staff.get("/api/v1/abuse-reports/" + own).body()).doesNotContain("T-long", "T-creds", "T-port\"");
	}

	@Test
	void relinkingATicketIdUpdatesItsUrl() {
		String own = anotherReport();
		String tickets = "/api/v1/abuse-reports/" + own + "/tickets";
		staff.post(tickets, "{\"ticketId\":\"2i2c-77\",\"url\":\"https://support.example.org/t/old\"}");

		Api.Response again = staff.post(tickets,
				"{\"ticketId\":\"2i2c-77\",\"url\":\"https://support.example.org/t/new\"}");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("url").asString()).isEqualTo("https://support.example.org/t/new");
		var linked = staff.get("/api/v1/abuse-reports/" + own).json().get("tickets");
		assertThat(linked).hasSize(1);
		assertThat(linked.get(0).get("url").asString()).isEqualTo("https://support.example.org/t/new");
	}

	@Test
	void aJsonKeyGivenTwiceIsRefused() {
		Api.Response twice = ada.post("/api/v1/abuse-reports/" + ref + "/triage",
				"{\"state\":\"resolved\",\"state\":\"investigating\"}");

		assertThat(twice.status()).isEqualTo(400);
		assertThat(twice.json().get("message").asString()).contains("state");
		assertThat(ada.get("/api/v1/abuse-reports/" + ref).json().get("report").get("state").asString())
			.isEqualTo("open");
	}

	@Test
	void staffCanStopTheUsersServerAndHubAdminsCannot() {
		InMemoryCluster twoEyeTwoSee = DemoRuntime.current().orElseThrow().cluster("2i2c");
		try (var client = twoEyeTwoSee.client()) {
			client.pods()
				.inNamespace("mtu")
				.resource(Z2jhObjects.userPod("mtu", "student2@mtu.example"))
				.createOr(p -> p.update());
		}

		assertThat(ada.post("/api/v1/abuse-reports/" + ref + "/stop-server", null).status()).isEqualTo(403);
		assertThat(staff.post("/api/v1/abuse-reports/" + ref + "/stop-server", null).status()).isEqualTo(200);

		try (var client = twoEyeTwoSee.client()) {
			assertThat(client.pods().inNamespace("mtu").withName("jupyter-student2-40mtu-2eexample").get()).isNull();
		}
	}

}
