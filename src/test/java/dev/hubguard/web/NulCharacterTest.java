package dev.hubguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.abuse.AlertIntake;
import dev.hubguard.abuse.AlertmanagerPayloads;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A NUL character in any text a person sends is refused with a 400 naming the field,
 * before anything is written: on the API and on the pages.
 */
@PortalTest
class NulCharacterTest {

	static final String NUL_JSON = "\\u0000";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	AlertIntake intake;

	@Autowired
	JdbcClient jdbc;

	Api staff;

	Api ada;

	String ref;

	@BeforeEach
	void aReportOnMtu() {
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		ada = Api.as(port, accounts, tokens, Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		String fp = Long.toHexString(System.nanoTime());
		intake.receive(AlertmanagerPayloads.parse(("""
				{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"NulTest","cluster":"2i2c",
				"namespace":"mtu","username":"nul-test-%s"},"startsAt":"%s","fingerprint":"%s"}]}""")
			.formatted(fp, Instant.now().truncatedTo(ChronoUnit.SECONDS), fp)
			.getBytes(StandardCharsets.UTF_8)));
		ref = jdbc.sql(
				"select r.ref from abuse_alerts a join abuse_reports r on r.id = a.report_id where a.fingerprint = :fp")
			.param("fp", fp)
			.query(String.class)
			.single();
	}

	int rows(String table) {
		return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	@Test
	void aNulInAnApiTextFieldIsA400NamingTheFieldAndWritesNothing() {
		int notes = rows("abuse_report_notes");
		int tickets = rows("abuse_ticket_links");
		int changes = rows("change_requests");

		Api.Response note = ada.post("/api/v1/abuse-reports/" + ref + "/notes", "{\"body\":\"a" + NUL_JSON + "b\"}");
		Api.Response assignee = ada.post("/api/v1/abuse-reports/" + ref + "/triage",
				"{\"assignee\":\"ada" + NUL_JSON + "\"}");
		Api.Response ticket = staff.post("/api/v1/abuse-reports/" + ref + "/tickets",
				"{\"ticketId\":\"T-1" + NUL_JSON + "\",\"url\":\"https://support.example.org/t/1\"}");
		Api.Response justification = ada.put("/api/v1/hubs/2i2c/mtu/internet-access",
				"{\"mode\":\"WEB_ONLY\",\"justification\":\"pip" + NUL_JSON + "\",\"baseVersion\":0}");

		assertThat(note.status()).isEqualTo(400);
		assertThat(note.json().get("field").asString()).isEqualTo("body");
		assertThat(note.json().get("message").asString()).contains("NUL");
		assertThat(assignee.status()).isEqualTo(400);
		assertThat(assignee.json().get("field").asString()).isEqualTo("assignee");
		assertThat(ticket.status()).isEqualTo(400);
		assertThat(ticket.json().get("field").asString()).isEqualTo("ticketId");
		assertThat(justification.status()).isEqualTo(400);
		assertThat(justification.json().get("field").asString()).isEqualTo("justification");
		assertThat(rows("abuse_report_notes")).isEqualTo(notes);
		assertThat(rows("abuse_ticket_links")).isEqualTo(tickets);
		assertThat(rows("change_requests")).isEqualTo(changes);
	}

	@Test
	void aNulInACommentOnAChangeRequestIsA400() {
		ada.put("/api/v1/hubs/2i2c/mtu/internet-access",
				"{\"mode\":\"OPEN\",\"allowPrivate\":true,\"justification\":\"nul comment test\",\"baseVersion\":0}");
		long id = jdbc.sql("select max(id) from change_requests").query(Long.class).single();
		int comments = rows("change_request_comments");

		Api.Response comment = staff.post("/api/v1/change-requests/" + id + "/comments",
				"{\"body\":\"ok" + NUL_JSON + "\"}");

		assertThat(comment.status()).isEqualTo(400);
		assertThat(comment.json().get("field").asString()).isEqualTo("body");
		assertThat(rows("change_request_comments")).isEqualTo(comments);
	}

	@Test
	void aNulInAPageFormIsA400NamingTheField() {
		SignInClient page = new SignInClient(port);
		page.signIn("cilogon", "admin-a");
		int notes = rows("abuse_report_notes");
		int concerns = rows("security_concerns");

		HttpResponse<String> note = page.postForm("/abuse/" + ref, "/abuse/" + ref + "/note",
				"text=" + SignInClient.encode("a\0b"));
		HttpResponse<String> concern = page.postForm("/security-concern", "/security-concern",
				"summary=" + SignInClient.encode("Phish\0") + "&details=x");

		assertThat(note.statusCode()).isEqualTo(400);
		assertThat(note.body()).contains("text").contains("NUL");
		assertThat(concern.statusCode()).isEqualTo(400);
		assertThat(concern.body()).contains("summary").contains("NUL");
		assertThat(rows("abuse_report_notes")).isEqualTo(notes);
		assertThat(rows("security_concerns")).isEqualTo(concerns);
	}

}
