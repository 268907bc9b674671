package dev.hubguard.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person with a cookie jar: signs in through the real embedded OIDC provider by
 * following the redirects and submitting its sign-in form, as a browser would, then
 * fetches pages with that session.
 */
public final class SignInClient {

	private static final Pattern FORM = Pattern.compile(
			"<form method=\"post\"><input type=\"hidden\" name=\"username\" value=\"([^\"]*)\"><input type=\"hidden\" name=\"claims\" value=\"([^\"]*)\">\\s*<button type=\"submit\" id=\"demo-user-([a-z-]+)\"");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http;

	private final String base;

	public SignInClient(int port) {
		this(HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build(), port);
	}

	private SignInClient(HttpClient http, int port) {
		this.http = http;
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * The same person, with the same cookies, talking to the portal on another port (as a
	 * load balancer would send them to another replica).
	 */
	public SignInClient at(int port) {
		return new SignInClient(http, port);
	}

	/**
	 * Signs in as a demo user ({@code staff}, {@code admin-a}, {@code admin-b},
	 * {@code nobody}).
	 */
	public HttpResponse<String> signIn(String provider, String demoUser) {
		return signInFrom("/oauth2/authorization/" + provider, demoUser);
	}

	/**
	 * Starts at {@code path} (e.g. a permalink), signs in when sent to the provider,
	 * lands where it leads.
	 */
	public HttpResponse<String> signInFrom(String path, String demoUser) {
		return signIn(path, demoUser, null, null);
	}

	/**
	 * Signs in as nobody the demo lists: the provider's form is posted with this username
	 * and these claims (JSON), as anyone could post it to the demo's sign-in provider.
	 */
	public HttpResponse<String> signInWithClaims(String provider, String username, String claimsJson) {
		return signIn("/oauth2/authorization/" + provider, "nobody", username, claimsJson);
	}

	private HttpResponse<String> signIn(String path, String demoUser, String username, String claimsJson) {
		HttpResponse<String> response = get(path);
		for (int hops = 0; hops < 10; hops++) {
			if (response.statusCode() == 302) {
				String location = response.headers().firstValue("Location").orElseThrow();
				response = send(HttpRequest.newBuilder(resolve(response.uri(), location)).GET().build());
				continue;
			}
			if (response.body().contains("id=\"signin-cilogon\"")) {
				// Hubguard's own sign-in page: choose CILogon, as a person following a
				// permalink would.
				response = get("/oauth2/authorization/cilogon");
				continue;
			}
			Matcher form = formFor(response.body(), demoUser);
			if (form == null) {
				return response;
			}
			String body = "username=" + encode(username != null ? username : form.group(1)) + "&claims="
					+ encode(claimsJson != null ? claimsJson : form.group(2).replace("&quot;", "\""));
			response = send(HttpRequest.newBuilder(response.uri())
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build());
		}
		throw new IllegalStateException("sign-in did not finish in 10 steps");
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
	}

	/**
	 * Submits a form of the portal as a page would: with the CSRF token read from
	 * {@code formPage}.
	 */
	public HttpResponse<String> postForm(String formPage, String path, String body) {
		String token = csrfToken(formPage);
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(token) + (body.isEmpty() ? "" : "&" + body)))
			.build());
	}

	/**
	 * A form post as a forged cross-site request would send it: with the session cookie,
	 * without the token.
	 */
	public HttpResponse<String> postFormWithoutToken(String path, String body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public HttpResponse<String> postJson(String path, String json, String csrfToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (csrfToken != null) {
			request.header("X-CSRF-TOKEN", csrfToken);
		}
		return send(request.build());
	}

	public String csrfToken(String page) {
		Matcher matcher = CSRF.matcher(get(page).body());
		if (!matcher.find()) {
			throw new IllegalStateException("no CSRF token on " + page);
		}
		return matcher.group(1);
	}

	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static Matcher formFor(String html, String demoUser) {
		Matcher matcher = FORM.matcher(html);
		while (matcher.find()) {
			if (matcher.group(3).equals(demoUser)) {
				return matcher;
			}
		}
		return null;
	}

	private static URI resolve(URI current, String location) {
		return current.resolve(location);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
