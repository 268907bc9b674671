package dev.hubguard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A canary value planted through every path (API, page, change request, errors) reaches
 * the Kubernetes Secrets and nowhere else: no page, API answer, log line, audit row,
 * change request, error message, nor the database in plain text, base64 or hex.
 */
@PortalTest
@ExtendWith(OutputCaptureExtension.class)
class SecretCanaryTest {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	final String canary = "canary-" + UUID.randomUUID();

	final List<String> seen = new ArrayList<>();

	String seen(String text) {
		seen.add(text);
		return text;
	}

	@Test
	void aCanaryValueReachesTheClusterAndNothingElse(CapturedOutput output) throws Exception {
		Api ada = Api.as(port, accounts, tokens,
				Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		Api staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Api otherStaff = Api.as(port, accounts, tokens, Api.github("second-staff", "hubguard-demo:staff"));
		String mtu = "/api/v1/hubs/2i2c/mtu/secrets";
		String prod = "/api/v1/hubs/nasa-cryo/prod/secrets";

		// Set directly, as a variable and as a file.
		seen(ada.put(mtu + "/CANARY_KEY", "{\"value\":\"" + canary + "\",\"delivery\":\"ENV\"}").body());
		String fileCanary = Base64.getEncoder().encodeToString((canary + "-file").getBytes(StandardCharsets.UTF_8));
		seen(ada.put(mtu + "/canary.txt", "{\"valueBase64\":\"" + fileCanary + "\",\"delivery\":\"FILE\"}").body());
		// Errors that carry the value in their request.
		seen(ada.put(mtu + "/CANARY_KEY", "{\"value\":\"" + canary + "\",\"delivery\":\"ENV\"}").body());
		seen(ada.put(mtu + "/CANARY_NUL", "{\"value\":\"" + canary + "\\u0000\",\"delivery\":\"ENV\"}").body());
		seen(ada.put(mtu + "/PATH", "{\"value\":\"" + canary + "\",\"delivery\":\"ENV\"}").body());
		seen(ada.put(mtu + "/CANARY_KEY", "{\"value\":\"" + canary + "\",\"delivery\":\"ENV\"}", "If-Match", "99")
			.body());

		// Through a change request: approved, and one rejected.
		staff.put("/api/v1/staff/hubs/nasa-cryo/prod/secrets-approval", "{\"needsApproval\":true}");
		long pendingBefore = pending();
		Api.Response filed = staff.put(prod + "/CANARY_PENDING",
				"{\"value\":\"" + canary + "\",\"delivery\":\"ENV\",\"justification\":\"canary\"}");
		assertThat(filed.status()).isEqualTo(202);
		seen(filed.body());
		assertThat(pending()).isEqualTo(pendingBefore + 1);
		seen(otherStaff.post("/api/v1/change-requests/" + filed.json().get("id").asLong() + "/approve", null).body());
		Api.Response rejected = staff.put(prod + "/CANARY_REJECTED",
				"{\"value\":\"" + canary + "-rejected\",\"delivery\":\"ENV\"}");
		assertThat(rejected.status()).isEqualTo(202);
		assertThat(pending()).isEqualTo(pendingBefore + 1);
		seen(otherStaff
			.post("/api/v1/change-requests/" + rejected.json().get("id").asLong() + "/reject",
					"{\"note\":\"not needed\"}")
			.body());
		assertThat(pending()).as("a rejected request's value is destroyed").isEqualTo(pendingBefore);

		// Through the page: a failed submit comes back without the value.
		SignInClient page = new SignInClient(port);
		page.signIn("cilogon", "admin-a");
		String refused = seen(page
			.postForm("/hubs/2i2c/mtu/secrets", "/hubs/2i2c/mtu/secrets",
					"name=LD_PRELOAD&delivery=ENV&value=" + SignInClient.encode(canary))
			.body());
		assertThat(refused).contains("ask provider staff to allow it for this hub");

		// It reached both clusters.
		Eventually.within(Duration.ofSeconds(5), "the canary in 2i2c/mtu", () -> canary.equals(SecretsFlowTest
			.decoded(SecretsFlowTest.clusterSecret("2i2c", "mtu", "hubguard-user-env"), "CANARY_KEY")));
		Eventually.within(Duration.ofSeconds(5), "the canary file in 2i2c/mtu", () -> fileCanary
			.equals(SecretsFlowTest.clusterSecret("2i2c", "mtu", "hubguard-user-files").getData().get("canary.txt")));
		Eventually
			.within(Duration.ofSeconds(5), "the approved canary in nasa-cryo/prod", () -> canary.equals(SecretsFlowTest
				.decoded(SecretsFlowTest.clusterSecret("nasa-cryo", "prod", "hubguard-user-env"), "CANARY_PENDING")));

		// Everything a person or script can read.
		for (String path : List.of(mtu, mtu + "/CANARY_KEY", mtu + "/canary.txt", prod, prod + "/CANARY_PENDING",
				"/api/v1/audit?limit=200", "/api/v1/change-requests?limit=200", "/api/v1/hubs")) {
			seen(staff.get(path).body());
		}
		for (String path : List.of("/hubs/2i2c/mtu/secrets", "/hubs/2i2c/mtu", "/", "/audit", "/changes")) {
			seen(page.get(path).body());
		}
		SignInClient staffPage = new SignInClient(port);
		staffPage.signIn("cilogon", "staff");
		seen(staffPage.get("/hubs/nasa-cryo/prod/secrets").body());
		seen(staffPage.get("/changes/" + filed.json().get("id").asLong()).body());
		seen(output.getAll());
		seen(pgDump());

		List<String> forms = List.of(canary,
				Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)),
				HexFormat.of().formatHex(canary.getBytes(StandardCharsets.UTF_8)), canary + "-file", fileCanary);
		assertThat(seen).hasSizeGreaterThan(20).allSatisfy(text -> {
			for (String form : forms) {
				assertThat(text).doesNotContain(form);
			}
		});
		assertThat(seen.get(seen.size() - 1)).as("the dump holds the secrets table").contains("CANARY_KEY");
		// Leave the shared context's hubs as they were.
		staff.put("/api/v1/staff/hubs/nasa-cryo/prod/secrets-approval", "{\"needsApproval\":false}");
		assertThat(staff.delete(prod + "/CANARY_PENDING").status()).isEqualTo(204);
		assertThat(ada.delete(mtu + "/CANARY_KEY").status()).isEqualTo(204);
		assertThat(ada.delete(mtu + "/canary.txt").status()).isEqualTo(204);
	}

	long pending() {
		return jdbc.sql("select count(*) from secret_pending").query(Long.class).single();
	}

	/**
	 * The whole test database as {@code pg_dump} writes it; its name from the datasource.
	 */
	String pgDump() throws Exception {
		String url;
		try (Connection connection = dataSource.getConnection()) {
			url = connection.getMetaData().getURL();
		}
		String database = url.replaceFirst("^jdbc:postgresql://[^/]+/", "").replaceFirst("[?;].*$", "");
		Process dump = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", "postgres", database)
			.redirectErrorStream(true)
			.start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		dump.getInputStream().transferTo(out);
		assertThat(dump.waitFor()).as("pg_dump of " + database + ": " + out).isZero();
		return out.toString(StandardCharsets.UTF_8);
	}

}
