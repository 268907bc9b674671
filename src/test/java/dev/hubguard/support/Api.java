package dev.hubguard.support;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.identity.Identity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A caller of the JSON API with a personal token, as a script would use it. */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final String base;

	private final String token;

	private Api(int port, String token) {
		this.base = "http://127.0.0.1:" + port;
		this.token = token;
	}

	/** A caller with a token it already holds (minted by another process, say). */
	public static Api withToken(int port, String token) {
		return new Api(port, token);
	}

	/** The same token, sent to the portal on another port (another replica). */
	public Api at(int port) {
		return new Api(port, token);
	}

	/**
	 * Signs the identity up and mints a token for it, as the person would from the tokens
	 * page.
	 */
	public static Api as(int port, Accounts accounts, ApiTokens tokens, Identity identity) {
		return new Api(port, tokens.create(accounts.signedIn(identity), "test", Duration.ofHours(1)).value());
	}

	/**
	 * A CILogon identity; for the demo's people, with the subject the demo's sign-in
	 * gives them, so that it is the same account (another subject claiming their email
	 * would be another person).
	 */
	public static Identity cilogon(String email, String idp) {
		return new Identity(Identity.Provider.CILOGON, DEMO_SUBJECTS.getOrDefault(email, "test-" + email), email, email,
				email, idp, Set.of());
	}

	/** A GitHub identity, with the id the demo's sign-in gives that login. */
	public static Identity github(String login, String... teams) {
		return new Identity(Identity.Provider.GITHUB, githubId(login), login, null, login, null, Set.of(teams));
	}

	public static String githubId(String login) {
		return String.valueOf(Math.abs(login.hashCode()));
	}

	private static final Map<String, String> DEMO_SUBJECTS = Map.of("sam@hubguard.example", "demo-staff",
			"ada@mtu.example", "demo-admin-a", "bo@hhmi.example", "demo-admin-b", "nia@elsewhere.example",
			"demo-nobody");

	public Response get(String path) {
		return send(request(path).GET());
	}

	public Response put(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** A PUT with extra headers as name, value pairs (such as If-Match). */
	public Response put(String path, String json, String... headers) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Response delete(String path, String... headers) {
		HttpRequest.Builder request = request(path);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.DELETE());
	}

	public Response post(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
	}

	private static Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A status, a JSON body and the headers. */
	public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

		public Response(int status, String body) {
			this(status, body, Map.of());
		}

		/** The first value of a header (any case), or null. */
		public String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
				.map(e -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		public JsonNode json() {
			return JSON.readTree(body);
		}

	}

}
