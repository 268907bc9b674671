package dev.hubguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/openapi.json} describes every route of the JSON API, as Spring maps it,
 * with its method, and how to authenticate: the personal bearer token for the API, the
 * Alertmanager token for the webhook.
 */
@PortalTest
class ApiDescriptionTest {

	static final String PATH = "/api/v1/openapi.json";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	record Route(String method, String pattern) {
	}

	/** Every API route Spring serves, but the description itself (JSON and YAML). */
	List<Route> apiRoutes() {
		List<Route> routes = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/api/") || pattern.startsWith("/api/v1/openapi.")) {
					continue;
				}
				(methods.isEmpty() ? Set.of(RequestMethod.GET) : methods)
					.forEach(m -> routes.add(new Route(m.name().toLowerCase(Locale.ROOT), pattern)));
			}
		}
		return routes;
	}

	JsonNode description() {
		Api.Response response = Api.as(port, accounts, tokens, Api.github("openapi-reader")).get(PATH);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	@Test
	void everyApiRouteIsDescribedWithItsMethod() {
		JsonNode paths = description().get("paths");
		List<Route> routes = apiRoutes();

		assertThat(routes).hasSizeGreaterThan(30);
		assertThat(routes).allSatisfy(route -> {
			assertThat(paths.has(route.pattern())).as("path %s", route.pattern()).isTrue();
			assertThat(paths.get(route.pattern()).has(route.method())).as("%s %s", route.method(), route.pattern())
				.isTrue();
		});
		// Only the API: no page, actuator or error route.
		assertThat(paths.propertyNames()).allSatisfy(path -> assertThat(path).startsWith("/api/v1/"));
	}

	@Test
	void thePagedListsDescribeTheirCursorAndPageSize() {
		JsonNode paths = description().get("paths");

		for (String path : List.of("/api/v1/change-requests", "/api/v1/audit")) {
			List<String> described = new ArrayList<>();
			paths.get(path).get("get").get("parameters").forEach(p -> {
				if (!p.path("description").asString("").isBlank()) {
					described.add(p.get("name").asString());
				}
			});
			assertThat(described).as(path).contains("cursor", "limit");
		}
	}

	@Test
	void theBearerTokenSchemeGuardsTheApiAndTheWebhookTakesAlertmanagersToken() {
		JsonNode api = description();

		assertThat(api.get("openapi").asString()).startsWith("3.");
		assertThat(api.at("/info/title").asString()).isEqualTo("Hubguard API");
		assertThat(api.at("/info/version").asString()).isEqualTo("v1");
		JsonNode token = api.at("/components/securitySchemes/apiToken");
		assertThat(token.get("type").asString()).isEqualTo("http");
		assertThat(token.get("scheme").asString()).isEqualTo("bearer");
		assertThat(token.get("bearerFormat").asString()).startsWith("hg_");
		assertThat(api.at("/security/0").has("apiToken")).as("the API's default security").isTrue();
		JsonNode webhook = api.at("/paths/~1api~1v1~1alerts~1alertmanager/post/security/0");
		assertThat(webhook.has("alertmanagerToken")).isTrue();
		assertThat(webhook.has("apiToken")).isFalse();
	}

	@Test
	void theDescriptionIsAlsoServedAsYamlAtItsPlainName() {
		Api api = Api.as(port, accounts, tokens, Api.github("openapi-yaml-reader"));
		JsonNode json = description();

		for (String path : List.of("/api/v1/openapi.yaml", "/api/v1/openapi.json.yaml")) {
			Api.Response yaml = api.get(path);

			assertThat(yaml.status()).as(path + ": " + yaml.body()).isEqualTo(200);
			assertThat(yaml.body()).as(path).startsWith("openapi: 3.").contains("title: Hubguard API");
			json.get("paths").propertyNames().forEach(route -> assertThat(yaml.body()).contains(route));
		}
	}

	@Test
	void anAnonymousCallerIsAskedToSignInAndTheAnswerKeepsTheStrictHeaders() throws Exception {
		HttpResponse<String> anonymous = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH)).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).doesNotContain("/api/v1/staff");
		assertThat(anonymous.headers().firstValue("Content-Security-Policy")).hasValue(
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
						+ "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
		assertThat(anonymous.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

}
