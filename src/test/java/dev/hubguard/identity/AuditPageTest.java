package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.support.PortalTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The audit page hides sign-ins unless asked, filters by action from a list, and exports
 * every matching row as CSV with formula cells escaped, within what the reader may see.
 */
@PortalTest
class AuditPageTest {

	static final Identity STAFF = new Identity(Identity.Provider.CILOGON, "audit-staff", "sam@hubguard.example",
			"sam@hubguard.example", "Sam Staff", null, Set.of());

	static final Identity ADMIN_OF_SPYGLASS = new Identity(Identity.Provider.GITHUB, "audit-b", "bo-hhmi", null, "Bo",
			null, Set.of());

	@Autowired
	MockMvc mvc;

	@Autowired
	AuditLog audit;

	String as(Identity who, MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(request.with(authentication(PortalAuthentication.session(-1, who))))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString();
	}

	@Test
	void signInsAreHiddenUnlessAskedFor() throws Exception {
		audit.record(AuditEvent.of("cilogon:audit-sign-in@example.org", null, "identity.signed-in",
				"Signed in as audit-sign-in@example.org"));
		String page = as(STAFF, get("/audit"));
		assertThat(page).doesNotContain("Signed in as audit-sign-in@example.org")
			.contains("<option value=\"identity.signed-in\"");
		assertThat(as(STAFF, get("/audit").param("signIns", "true")))
			.contains("Signed in as audit-sign-in@example.org");
		assertThat(as(STAFF, get("/audit").param("action", "identity.signed-in")))
			.contains("Signed in as audit-sign-in@example.org");
	}

	@Test
	void theCsvHoldsEveryMatchingRowWithFormulasEscapedAndOnlyTheReadersHubs() throws Exception {
		for (int i = 0; i < 620; i++) {
			audit.record(AuditEvent.of("cilogon:ada@mtu.example", "2i2c/mtu", "audit-test.bulk", "bulk row " + i));
		}
		audit.record(AuditEvent.of("github:bo-hhmi", "hhmi/spyglass", "audit-test.formula", "=HYPERLINK(\"x\")"));
		String staff = as(STAFF, get("/audit.csv").param("action", "audit-test.bulk"));
		assertThat(staff.split("\r\n")).hasSize(621);
		assertThat(staff).startsWith("id,at,actor,hub,action,summary,change_request\r\n")
			.contains("bulk row 0,\r\n", "bulk row 619,\r\n");
		String bo = as(ADMIN_OF_SPYGLASS, get("/audit.csv").param("action", "audit-test.formula"));
		assertThat(bo).contains("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(as(ADMIN_OF_SPYGLASS, get("/audit.csv").param("action", "audit-test.bulk")).split("\r\n"))
			.as("Bo sees no row of 2i2c/mtu")
			.hasSize(1);
	}

}
