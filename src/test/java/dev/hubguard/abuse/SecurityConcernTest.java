package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@PortalTest
class SecurityConcernTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anyoneSignedInCanReportAConcernAndGetsAPrefilledTicketLink() {
		SignInClient nia = new SignInClient(port);
		nia.signIn("cilogon", "nobody");

		HttpResponse<String> filed = nia.postForm("/security-concern", "/security-concern",
				"summary=" + SignInClient.encode("Phishing page on a hub") + "&details="
						+ SignInClient.encode("A notebook on binder serves a fake login form."));

		assertThat(filed.statusCode()).isEqualTo(200);
		assertThat(filed.body()).contains("id=\"ticket-link\"")
			.contains("https://support.example.org/new?subject=%5BHubguard%20concern%20");
		assertThat(jdbc.sql("select count(*) from security_concerns where reporter = 'cilogon:nia@elsewhere.example'")
			.query(Integer.class)
			.single()).isPositive();
		// A concern can be about a hub's own admins: its audit row belongs to no hub, so
		// only staff read it.
		assertThat(jdbc.sql("select distinct hub from audit_log where action = 'security.concern-reported'")
			.query(String.class)
			.list()).containsOnlyNulls();
	}

	@Test
	void anEmptyConcernIsExplainedAndNotRecorded() {
		SignInClient nia = new SignInClient(port);
		nia.signIn("cilogon", "nobody");
		int before = jdbc.sql("select count(*) from security_concerns").query(Integer.class).single();

		HttpResponse<String> response = nia.postForm("/security-concern", "/security-concern", "summary=&details=");

		assertThat(response.body()).contains("alert-error");
		assertThat(jdbc.sql("select count(*) from security_concerns").query(Integer.class).single()).isEqualTo(before);
	}

}
