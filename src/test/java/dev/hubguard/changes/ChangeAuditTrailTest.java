package dev.hubguard.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The audit log answers "who asked for this and who let it through": every row about a
 * change request links to it, an approval names the requester, and the log filters by
 * request.
 */
@PortalTest
class ChangeAuditTrailTest {

	static final String HOWARD = "/api/v1/hubs/cloudbank/howard/internet-access";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Test
	void anApprovalNamesTheRequesterAndTheLogFiltersByRequest() {
		Api staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Api otherStaff = Api.as(port, accounts, tokens, Api.github("second-staff", "hubguard-demo:staff"));
		JsonNode desired = staff.get(HOWARD).json().get("desired");
		int version = desired == null || desired.isNull() ? 0 : desired.get("version").asInt();
		Api.Response filed = staff.put(HOWARD,
				"{\"mode\":\"OPEN\",\"justification\":\"audit trail test\",\"baseVersion\":" + version + "}");
		assertThat(filed.status()).as(filed.body()).isEqualTo(202);
		long id = filed.json().get("id").asLong();
		assertThat(otherStaff.post("/api/v1/change-requests/" + id + "/approve", null).status()).isEqualTo(200);

		JsonNode rows = staff.get("/api/v1/audit?change=" + id).json();

		assertThat(rows.valueStream().map(row -> row.get("action").asString()))
			.containsExactly("internet-access.approved", "internet-access.requested");
		assertThat(rows.valueStream().map(row -> row.get("changeRequest").asLong())).containsOnly(id);
		assertThat(rows.get(0).get("summary").asString()).contains("asked by cilogon:sam@hubguard.example");

		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		HttpResponse<String> page = sam.get("/audit?change=" + id);
		assertThat(page.body()).contains("href=\"/changes/" + id + "\"")
			.contains("audit trail test")
			.doesNotContain("Signed in with");
		assertThat(sam.get("/audit?change=0x1").statusCode()).isEqualTo(400);
	}

}
