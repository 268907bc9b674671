package dev.hubguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo's scripted tokens: each demo persona's {@code GET /api/v1/hubs} answer, as the
 * README promises.
 */
@PortalTest
class DemoTokensApiTest {

	@LocalServerPort
	int port;

	@Test
	void eachDemoTokenListsExactlyTheHubsItsPersonMaySee() throws Exception {
		Properties tokens = new Properties();
		tokens.load(Files.newBufferedReader(Path.of("target/demo-test/tokens.env")));

		String staff = hubs(tokens.getProperty("HUBGUARD_TOKEN_STAFF"));
		String adminA = hubs(tokens.getProperty("HUBGUARD_TOKEN_ADMIN_A"));
		String adminB = hubs(tokens.getProperty("HUBGUARD_TOKEN_ADMIN_B"));
		String nobody = hubs(tokens.getProperty("HUBGUARD_TOKEN_NOBODY"));

		assertThat(staff.split("\"ref\":")).hasSize(27);
		assertThat(adminA).contains("\"ref\":\"2i2c/mtu\"").doesNotContain("spyglass");
		assertThat(adminA.split("\"ref\":")).hasSize(2);
		assertThat(adminB).contains("\"ref\":\"hhmi/spyglass\"");
		assertThat(adminB.split("\"ref\":")).hasSize(2);
		assertThat(nobody).isEqualTo("[]");
	}

	@Test
	void adminBIsRefusedOnMtu() throws Exception {
		Properties tokens = new Properties();
		tokens.load(Files.newBufferedReader(Path.of("target/demo-test/tokens.env")));
		HttpResponse<String> response = get(tokens.getProperty("HUBGUARD_TOKEN_ADMIN_B"), "/api/v1/hubs/2i2c/mtu");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"error\":\"forbidden\"");
	}

	private String hubs(String token) throws Exception {
		HttpResponse<String> response = get(token, "/api/v1/hubs");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> get(String token, String path) throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
