package dev.hubguard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * On a hub whose secrets need approval, the secret a request creates names the admin who
 * asked as its author and the staff member who approved it as approver, and so does its
 * audit entry.
 */
@PortalTest
class SecretApprovalFlowTest {

	static final String SPYGLASS = "/api/v1/hubs/hhmi/spyglass/secrets";

	static final String APPROVAL = "/api/v1/staff/hubs/hhmi/spyglass/secrets-approval";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Test
	void anApprovedSecretNamesTheAdminWhoAskedAsAuthorAndTheStaffMemberAsApprover() {
		Api bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		Api staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		assertThat(staff.put(APPROVAL, "{\"needsApproval\":true}").status()).isEqualTo(200);
		try {
			Api.Response filed = bo.put(SPYGLASS + "/APPROVED_KEY",
					"{\"value\":\"approved-value\",\"delivery\":\"ENV\",\"justification\":\"the course's key\"}");
			assertThat(filed.status()).as(filed.body()).isEqualTo(202);
			String requester = filed.json().get("requestedBy").asString();
			Api.Response approved = staff
				.post("/api/v1/change-requests/" + filed.json().get("id").asLong() + "/approve", null);
			assertThat(approved.status()).as(approved.body()).isEqualTo(200);
			String approver = approved.json().get("decidedBy").asString();
			assertThat(approver).isNotEqualTo(requester);

			JsonNode secret = bo.get(SPYGLASS + "/APPROVED_KEY").json();
			assertThat(secret.get("createdBy").asString()).isEqualTo(requester);
			assertThat(secret.get("updatedBy").asString()).isEqualTo(requester);
			assertThat(secret.get("approvedBy").asString()).isEqualTo(approver);
			JsonNode history = secret.get("history").get(0);
			assertThat(history.get("by").asString()).isEqualTo(requester);
			assertThat(history.get("approvedBy").asString()).isEqualTo(approver);

			JsonNode entry = null;
			for (JsonNode row : staff.get("/api/v1/audit?hub=hhmi/spyglass&action=secret.set&limit=20").json()) {
				if (row.get("summary").asString().startsWith("Secret APPROVED_KEY")) {
					entry = row;
					break;
				}
			}
			assertThat(entry).as("the secret.set entry").isNotNull();
			assertThat(entry.get("actor").asString()).isEqualTo(requester);
			assertThat(entry.get("summary").asString()).contains("approved by " + approver)
				.contains("change " + filed.json().get("id").asLong());
		}
		finally {
			staff.put(APPROVAL, "{\"needsApproval\":false}");
			bo.delete(SPYGLASS + "/APPROVED_KEY");
		}
		assertThat(bo.put(SPYGLASS + "/AT_ONCE_KEY", "{\"value\":\"v\",\"delivery\":\"ENV\"}")
			.json()
			.get("approvedBy")
			.isNull()).as("applied at once: no approver").isTrue();
		assertThat(bo.delete(SPYGLASS + "/AT_ONCE_KEY").status()).isEqualTo(204);
	}

}
