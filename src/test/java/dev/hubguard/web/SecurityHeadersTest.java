package dev.hubguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page carries strict security headers, and no form works without its CSRF token.
 */
@PortalTest
class SecurityHeadersTest {

	@LocalServerPort
	int port;

	@Test
	void pagesAndErrorsCarryStrictSecurityHeaders() throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			for (String path : new String[] { "/login", "/", "/api/v1/hubs", "/no-such-page" }) {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
				var headers = response.headers();
				assertThat(headers.firstValue("Content-Security-Policy")).as(path)
					.hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'")
						.contains("script-src 'self'")
						.contains("frame-ancestors 'none'")
						.contains("object-src 'none'")
						.doesNotContain("unsafe-inline"));
				assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
				assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
				assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
				assertThat(headers.firstValue("Permissions-Policy")).as(path).isPresent();
				assertThat(headers.firstValue("Cache-Control")).as(path)
					.hasValueSatisfying(c -> assertThat(c).contains("no-store"));
			}
		}
	}

	@Test
	void aFormPostWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		String tokensBefore = ada.get("/tokens").body();

		HttpResponse<String> forgedToken = ada.postFormWithoutToken("/tokens", "name=forged&days=30");
		HttpResponse<String> forgedChange = ada.postFormWithoutToken("/hubs/2i2c/mtu/internet-access",
				"mode=OPEN&justification=forged");
		HttpResponse<String> forgedSignOut = ada.postFormWithoutToken("/logout", "");

		assertThat(forgedToken.statusCode()).isEqualTo(403);
		assertThat(forgedChange.statusCode()).isEqualTo(403);
		assertThat(forgedSignOut.statusCode()).isEqualTo(403);
		assertThat(tokensBefore).contains("name=\"_csrf\"");
		assertThat(ada.get("/tokens").body()).doesNotContain(">forged<");
		assertThat(ada.get("/").statusCode()).as("still signed in").isEqualTo(200);
	}

}
