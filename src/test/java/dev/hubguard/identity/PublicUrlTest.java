package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Redirects and the OAuth {@code redirect_uri} are built from the portal's public URL (in
 * demo mode, the loopback address it listens on), never from the caller's {@code Host} or
 * unconfigured {@code X-Forwarded-*} headers. Raw HTTP, because clients refuse to forge a
 * Host header.
 */
@PortalTest
class PublicUrlTest {

	@LocalServerPort
	int port;

	String base() {
		return "http://127.0.0.1:" + port;
	}

	@Test
	void aForgedHostHeaderDoesNotMoveTheSignInRedirect() throws IOException {
		String response = get("/changes", "evil.example");

		assertThat(status(response)).isEqualTo(302);
		assertThat(location(response)).hasValue(base() + "/login");
	}

	@Test
	void aForgedHostHeaderDoesNotMoveTheOauthRedirectUri() throws IOException {
		String response = get("/oauth2/authorization/cilogon", "evil.example");

		assertThat(status(response)).isEqualTo(302);
		String redirectUri = query(URI.create(location(response).orElseThrow()), "redirect_uri");
		assertThat(redirectUri).isEqualTo(base() + "/login/oauth2/code/cilogon");
	}

	@Test
	void forwardedHeadersFromAnUntrustedPeerAreIgnored() throws IOException {
		String response = get("/changes", "127.0.0.1:" + port, "X-Forwarded-Host: evil.example",
				"X-Forwarded-Proto: https", "X-Forwarded-Port: 443", "Forwarded: host=evil.example;proto=https");

		assertThat(location(response)).hasValue(base() + "/login");
	}

	@Test
	void probesAndScrapesWithAPodAddressAsHostKeepWorking() throws IOException {
		assertThat(status(get("/actuator/health/readiness", "10.12.3.4:8080"))).isEqualTo(200);
		assertThat(status(get("/actuator/prometheus", "10.12.3.4:8080", "Authorization: Bearer test-metrics-token")))
			.isEqualTo(200);
	}

	private String get(String path, String host, String... headers) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
			Arrays.stream(headers).forEach(h -> request.append(h).append("\r\n"));
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static int status(String response) {
		return Integer.parseInt(response.substring(9, 12));
	}

	private static Optional<String> location(String response) {
		return response.lines()
			.takeWhile(line -> !line.isEmpty())
			.filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
			.map(line -> line.substring(9).strip())
			.findFirst();
	}

	private static String query(URI uri, String name) {
		return Arrays.stream(uri.getRawQuery().split("&"))
			.filter(pair -> pair.startsWith(name + "="))
			.map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
			.findFirst()
			.orElseThrow();
	}

}
