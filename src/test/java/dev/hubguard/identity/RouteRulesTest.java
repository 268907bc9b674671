package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.hubguard.support.PortalTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the application maps must appear in {@link #RULES} with the rule it is
 * meant to have, and must behave accordingly for an anonymous caller, a signed-in nobody,
 * another hub's admin and staff. A new route that is not listed here fails this test.
 */
@PortalTest
class RouteRulesTest {

	enum Rule {

		PUBLIC, SIGNED_IN, HUB_ADMIN, STAFF,
		/** Pushed to by a machine with its own token: refused to every person. */
		MACHINE,
		/** The page that explains a refusal: public, and always answers 403. */
		REFUSAL_PAGE

	}

	static final Map<String, Rule> RULES = Map.ofEntries(Map.entry("/login", Rule.PUBLIC),
			Map.entry("/signed-out", Rule.PUBLIC), Map.entry("/error", Rule.PUBLIC),
			Map.entry("/error/403", Rule.REFUSAL_PAGE), Map.entry("/", Rule.SIGNED_IN),
			Map.entry("/tokens", Rule.SIGNED_IN), Map.entry("/tokens/{id}/revoke", Rule.SIGNED_IN),
			Map.entry("/api/v1/me", Rule.SIGNED_IN), Map.entry("/api/v1/hubs", Rule.SIGNED_IN),
			Map.entry("/api/v1/tokens", Rule.SIGNED_IN), Map.entry("/api/v1/tokens/{id}", Rule.SIGNED_IN),
			Map.entry("/hubs/{cluster}/{hub}", Rule.HUB_ADMIN),
			Map.entry("/api/v1/hubs/{cluster}/{hub}", Rule.HUB_ADMIN),
			Map.entry("/hubs/{cluster}/{hub}/internet-access", Rule.HUB_ADMIN),
			Map.entry("/api/v1/hubs/{cluster}/{hub}/internet-access", Rule.HUB_ADMIN),
			Map.entry("/api/v1/hubs/{cluster}/{hub}/internet-access/effective", Rule.HUB_ADMIN),
			// Signed in; each request is then checked against its hub (404 when not
			// visible).
			Map.entry("/changes", Rule.SIGNED_IN), Map.entry("/changes/{id}", Rule.SIGNED_IN),
			Map.entry("/changes/{id}/{action:approve|reject|withdraw|rebase|comment}", Rule.SIGNED_IN),
			Map.entry("/api/v1/change-requests", Rule.SIGNED_IN),
			Map.entry("/api/v1/change-requests/{id}", Rule.SIGNED_IN),
			Map.entry("/api/v1/change-requests/{id}/approve", Rule.SIGNED_IN),
			Map.entry("/api/v1/change-requests/{id}/reject", Rule.SIGNED_IN),
			Map.entry("/api/v1/change-requests/{id}/withdraw", Rule.SIGNED_IN),
			Map.entry("/api/v1/change-requests/{id}/rebase", Rule.SIGNED_IN),
			Map.entry("/api/v1/change-requests/{id}/comments", Rule.SIGNED_IN), Map.entry("/audit", Rule.SIGNED_IN),
			Map.entry("/audit.csv", Rule.SIGNED_IN), Map.entry("/api/v1/audit", Rule.SIGNED_IN),
			Map.entry("/hubs/{cluster}/{hub}/abuse", Rule.HUB_ADMIN),
			Map.entry("/api/v1/hubs/{cluster}/{hub}/abuse-reports", Rule.HUB_ADMIN),
			Map.entry("/abuse", Rule.SIGNED_IN), Map.entry("/abuse/{ref}", Rule.SIGNED_IN),
			Map.entry("/abuse/{ref}/{action:triage|note|ticket|stop-server}", Rule.SIGNED_IN),
			Map.entry("/api/v1/abuse-reports", Rule.SIGNED_IN),
			Map.entry("/api/v1/abuse-reports/{ref}", Rule.SIGNED_IN),
			Map.entry("/api/v1/abuse-reports/{ref}/triage", Rule.SIGNED_IN),
			Map.entry("/api/v1/abuse-reports/{ref}/notes", Rule.SIGNED_IN),
			Map.entry("/api/v1/abuse-reports/{ref}/tickets", Rule.SIGNED_IN),
			Map.entry("/api/v1/abuse-reports/{ref}/stop-server", Rule.SIGNED_IN),
			Map.entry("/security-concern", Rule.SIGNED_IN),
			// Secrets: a hub's admins; deciding on review and re-wrapping keys: staff.
			Map.entry("/hubs/{cluster}/{hub}/secrets", Rule.HUB_ADMIN),
			Map.entry("/hubs/{cluster}/{hub}/secrets/{name}/delete", Rule.HUB_ADMIN),
			Map.entry("/api/v1/hubs/{cluster}/{hub}/secrets", Rule.HUB_ADMIN),
			Map.entry("/api/v1/hubs/{cluster}/{hub}/secrets/{name}", Rule.HUB_ADMIN),
			Map.entry("/staff/hubs/{cluster}/{hub}/secrets-approval", Rule.STAFF),
			Map.entry("/api/v1/staff/hubs/{cluster}/{hub}/secrets-approval", Rule.STAFF),
			Map.entry("/staff/secrets/rewrap", Rule.STAFF), Map.entry("/api/v1/staff/secrets/rewrap", Rule.STAFF),
			// Allowing a refused variable name for one hub: staff only, even for the
			// hub's own admins.
			Map.entry("/staff/hubs/{cluster}/{hub}/secret-names", Rule.STAFF),
			Map.entry("/staff/hubs/{cluster}/{hub}/secret-names/{name}/refuse", Rule.STAFF),
			Map.entry("/api/v1/staff/hubs/{cluster}/{hub}/secret-names", Rule.STAFF),
			Map.entry("/api/v1/staff/hubs/{cluster}/{hub}/secret-names/{name}", Rule.STAFF),
			Map.entry("/hubs/{cluster}/{hub}/isolation", Rule.HUB_ADMIN),
			Map.entry("/api/v1/hubs/{cluster}/{hub}/isolation", Rule.HUB_ADMIN),
			Map.entry("/staff/isolation", Rule.STAFF), Map.entry("/staff/isolation.csv", Rule.STAFF),
			Map.entry("/staff/isolation/exemptions", Rule.STAFF),
			Map.entry("/staff/isolation/exemptions/{id}/revoke", Rule.STAFF),
			Map.entry("/staff/isolation/probes", Rule.STAFF),
			Map.entry("/api/v1/staff/hubs/{cluster}/{hub}/isolation/probe", Rule.STAFF),
			Map.entry("/api/v1/isolation", Rule.STAFF), Map.entry("/api/v1/staff/isolation/exemptions", Rule.STAFF),
			// The API's OpenAPI description (JSON and YAML).
			Map.entry("/api/v1/openapi.json", Rule.SIGNED_IN), Map.entry("/api/v1/openapi.yaml", Rule.SIGNED_IN),
			Map.entry("/api/v1/openapi.json.yaml", Rule.SIGNED_IN),
			// Notifications: each person's own; the failing list is staff's;
			// unsubscribing
			// needs only the signed token in the link.
			Map.entry("/notifications", Rule.SIGNED_IN), Map.entry("/notifications/{id}/read", Rule.SIGNED_IN),
			Map.entry("/notifications/read-all", Rule.SIGNED_IN),
			Map.entry("/notifications/preferences", Rule.SIGNED_IN),
			Map.entry("/api/v1/me/notifications", Rule.SIGNED_IN),
			Map.entry("/api/v1/me/notifications/{id}/read", Rule.SIGNED_IN),
			Map.entry("/staff/notifications", Rule.STAFF), Map.entry("/staff/notifications/{id}/retry", Rule.STAFF),
			Map.entry("/unsubscribe", Rule.PUBLIC),
			// Demo mode only (the tests run in it): the embedded mail server's inboxes.
			Map.entry("/demo/mail", Rule.SIGNED_IN),
			// Machines: Alertmanager's own token, never a person.
			Map.entry("/api/v1/alerts/alertmanager", Rule.MACHINE));

	static final Identity NOBODY = new Identity(Identity.Provider.CILOGON, "route-nobody", "nobody@elsewhere.example",
			"nobody@elsewhere.example", "Nobody", "https://accounts.google.com", Set.of());

	static final Identity ADMIN_OF_SPYGLASS = new Identity(Identity.Provider.GITHUB, "route-b", "bo-hhmi", null, "Bo",
			null, Set.of());

	static final Identity ADMIN_OF_MTU = new Identity(Identity.Provider.CILOGON, "route-a", "ada@mtu.example",
			"ada@mtu.example", "Ada", "https://idp.mtu.example/idp/shibboleth", Set.of());

	static final Identity STAFF = new Identity(Identity.Provider.CILOGON, "route-staff", "sam@hubguard.example",
			"sam@hubguard.example", "Sam", null, Set.of());

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	record Route(HttpMethod method, String pattern) {

		String path() {
			return pattern.replace("{cluster}", "2i2c")
				.replace("{hub}", "mtu")
				.replace("{id}", "999999")
				.replace("{ref}", "noSuchReport")
				.replace("{name}", "NO_SUCH_SECRET")
				.replaceAll("\\{action:[^}]+}", "note");
		}

	}

	List<Route> routes() {
		List<Route> routes = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (methods.isEmpty()) {
					routes.add(new Route(HttpMethod.GET, pattern));
				}
				methods.forEach(m -> routes.add(new Route(HttpMethod.valueOf(m.name()), pattern)));
			}
		}
		return routes;
	}

	@Test
	void everyMappedRouteHasADeclaredRule() {
		assertThat(routes()).isNotEmpty()
			.allSatisfy(route -> assertThat(RULES).as("rule for " + route).containsKey(route.pattern()));
	}

	@Test
	void anonymousCallersAreSentToSignInOrRefused() throws Exception {
		for (Route route : routes()) {
			if (RULES.get(route.pattern()) == Rule.PUBLIC || RULES.get(route.pattern()) == Rule.REFUSAL_PAGE) {
				continue;
			}
			int status = call(route, null);
			if (route.pattern().startsWith("/api/")) {
				assertThat(status).as(route + " anonymous").isEqualTo(401);
			}
			else {
				assertThat(status).as(route + " anonymous").isIn(302, 403);
			}
		}
	}

	@Test
	void anonymousWritesWithoutACsrfTokenAreAskedToSignInNotRefused() throws Exception {
		List<Route> writes = routes().stream()
			.filter(route -> route.method() != HttpMethod.GET && RULES.get(route.pattern()) != Rule.PUBLIC
					&& RULES.get(route.pattern()) != Rule.MACHINE)
			.toList();
		assertThat(writes).isNotEmpty();
		for (Route route : writes) {
			MockHttpServletResponse response = perform(route, null, false);
			if (route.pattern().startsWith("/api/")) {
				assertThat(response.getStatus()).as(route + " anonymous, no CSRF token").isEqualTo(401);
			}
			else {
				assertThat(response.getStatus()).as(route + " anonymous, no CSRF token").isEqualTo(302);
				assertThat(response.getRedirectedUrl()).as(route + " redirect").endsWith("/login");
			}
		}
	}

	@Test
	void aSignedInNobodyReachesOnlyPublicAndPersonalRoutes() throws Exception {
		for (Route route : routes()) {
			Rule rule = RULES.get(route.pattern());
			int status = call(route, NOBODY);
			if (rule == Rule.HUB_ADMIN || rule == Rule.STAFF || rule == Rule.REFUSAL_PAGE) {
				assertThat(status).as(route + " nobody").isEqualTo(403);
			}
			else if (rule == Rule.MACHINE) {
				assertThat(status).as(route + " nobody").isEqualTo(401);
			}
			else {
				assertThat(status).as(route + " nobody").isNotIn(401, 403);
			}
		}
	}

	@Test
	void anotherHubsAdminIsRefusedOnEveryRouteOfThisHub() throws Exception {
		for (Route route : routes()) {
			if (RULES.get(route.pattern()) == Rule.HUB_ADMIN) {
				assertThat(call(route, ADMIN_OF_SPYGLASS)).as(route + " admin of spyglass on mtu").isEqualTo(403);
				assertThat(call(route, ADMIN_OF_MTU)).as(route + " admin of mtu").isNotIn(401, 403);
			}
		}
	}

	@Test
	void hubAdminsAreRefusedOnStaffRoutesEvenForTheirOwnHub() throws Exception {
		for (Route route : routes()) {
			if (RULES.get(route.pattern()) == Rule.STAFF) {
				assertThat(call(route, ADMIN_OF_MTU)).as(route + " admin of mtu").isEqualTo(403);
				assertThat(call(route, ADMIN_OF_SPYGLASS)).as(route + " admin of spyglass").isEqualTo(403);
			}
		}
	}

	@Test
	void staffReachEveryRoute() throws Exception {
		for (Route route : routes()) {
			Rule rule = RULES.get(route.pattern());
			if (rule == Rule.MACHINE) {
				assertThat(call(route, STAFF)).as(route + " staff").isEqualTo(401);
			}
			else if (rule != Rule.REFUSAL_PAGE) {
				assertThat(call(route, STAFF)).as(route + " staff").isNotIn(401, 403);
			}
		}
	}

	@Test
	void unmappedPathsAreNotFoundEvenForStaffAndGiveNothingAway() throws Exception {
		// Nothing serves them, so there is nothing to protect: a 404, not a 403.
		assertThat(call(new Route(HttpMethod.GET, "/internal/anything"), STAFF)).isEqualTo(404);
		assertThat(call(new Route(HttpMethod.GET, "/api/v2/hubs"), STAFF)).isEqualTo(404);
		assertThat(call(new Route(HttpMethod.GET, "/api/v2/hubs"), NOBODY)).isEqualTo(404);
	}

	@Test
	void unknownSignInProvidersAreNotFound() throws Exception {
		for (String id : List.of("evil", "GITHUB", "CILogon")) {
			Route route = new Route(HttpMethod.GET, "/oauth2/authorization/" + id);
			for (Identity who : java.util.Arrays.asList(null, NOBODY, STAFF)) {
				MockHttpServletResponse response = perform(route, who, true);
				assertThat(response.getStatus()).as(route + " as " + who).isEqualTo(404);
				assertThat(response.getContentAsString()).as("the 404 page").contains("<html");
			}
		}
		assertThat(call(new Route(HttpMethod.GET, "/oauth2/authorization/github"), null)).as("a known provider")
			.isEqualTo(302);
	}

	@Test
	void metricsAreForStaffOnly() throws Exception {
		assertThat(call(new Route(HttpMethod.GET, "/actuator/prometheus"), NOBODY)).isEqualTo(403);
		assertThat(call(new Route(HttpMethod.GET, "/actuator/prometheus"), STAFF)).isEqualTo(200);
		assertThat(call(new Route(HttpMethod.GET, "/actuator/health"), null)).isEqualTo(200);
	}

	private int call(Route route, Identity who) throws Exception {
		return perform(route, who, true).getStatus();
	}

	private MockHttpServletResponse perform(Route route, Identity who, boolean withCsrfToken) throws Exception {
		MockHttpServletRequestBuilder request = request(route.method(), route.path());
		if (withCsrfToken) {
			request.with(csrf());
		}
		if (route.method() == HttpMethod.POST || route.method() == HttpMethod.PUT) {
			request.contentType("application/json").content("{}");
		}
		if (who != null) {
			request.with(authentication(PortalAuthentication.session(-1, who)));
		}
		return mvc.perform(request).andReturn().getResponse();
	}

}
