package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.hubguard.support.PortalTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Errors tell the truth: an address nothing serves is a 404 for everyone, while every
 * served address keeps its rule; error pages keep the layout and the person's name.
 */
@PortalTest
class ErrorPagesTest {

	static final Identity STAFF = new Identity(Identity.Provider.CILOGON, "errors-staff", "sam@hubguard.example",
			"sam@hubguard.example", "Sam Staff", null, Set.of());

	static final Identity NOBODY = new Identity(Identity.Provider.CILOGON, "errors-nobody", "nia@elsewhere.example",
			"nia@elsewhere.example", "Nia Nobody", "https://accounts.google.com", Set.of());

	@Autowired
	MockMvc mvc;

	MockHttpServletResponse as(Identity who, MockHttpServletRequestBuilder request) throws Exception {
		if (who != null) {
			request.with(authentication(PortalAuthentication.session(-1, who)));
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	@Test
	void aHubThatDoesNotExistIsA404ForStaffWithTheLayoutAndTheirName() throws Exception {
		MockHttpServletResponse response = as(STAFF, get("/hubs/nope/nope"));
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentAsString()).contains("Hubguard", "Sam Staff", "Sign out");
	}

	@Test
	void anAddressNothingServesIsA404ForEveryoneNotA403() throws Exception {
		assertThat(as(STAFF, get("/no/such/page")).getStatus()).isEqualTo(404);
		assertThat(as(NOBODY, get("/no/such/page")).getStatus()).isEqualTo(404);
		assertThat(as(NOBODY, get("/no/such/page")).getContentAsString()).contains("Nia Nobody");
		assertThat(as(null, get("/no/such/page")).getStatus()).isEqualTo(404);
		MockHttpServletResponse api = as(NOBODY, get("/api/v1/no-such-thing"));
		assertThat(api.getStatus()).isEqualTo(404);
		assertThat(api.getContentAsString()).contains("\"error\"");
	}

	@Test
	void servedAddressesKeepTheirRules() throws Exception {
		// Served for GET only, under the staff rule: still refused to a nobody.
		assertThat(as(NOBODY, delete("/staff/isolation")).getStatus()).isEqualTo(403);
		assertThat(as(NOBODY, get("/staff/isolation")).getStatus()).isEqualTo(403);
		// The actuator's own addresses are never opened by the 404 rule.
		assertThat(as(null, get("/actuator/prometheus")).getStatus()).isNotEqualTo(200);
		assertThat(as(null, get("/actuator/env")).getStatus()).isNotEqualTo(200);
		assertThat(as(NOBODY, get("/actuator/prometheus")).getStatus()).isEqualTo(403);
	}

	@Test
	void aMalformedHubInAQueryGetsAPageSayingWhatWasExpected() throws Exception {
		MockHttpServletResponse response = as(STAFF, get("/audit").param("hub", "mtu"));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("cluster/hub", "Sam Staff");
	}

	@Test
	void aFormPostedWithoutARequiredFieldIsA400NamingItNotA500() throws Exception {
		MockHttpServletResponse response = as(STAFF, post("/staff/isolation/probes").with(csrf()));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("hub", "Sam Staff");
	}

}
