package dev.hubguard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Secrets end to end: set through the API, delivered into fabric8's API server, lost
 * updates refused, other hubs' admins refused, deletion prunes, the demo's wiring seen
 * from the cluster cache.
 */
@PortalTest
class SecretsFlowTest {

	static final String MTU = "/api/v1/hubs/2i2c/mtu/secrets";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	Api ada;

	Api bo;

	@BeforeEach
	void people() {
		ada = Api.as(port, accounts, tokens, Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
	}

	static Secret clusterSecret(String cluster, String namespace, String name) {
		try (KubernetesClient client = DemoRuntime.current().orElseThrow().cluster(cluster).client()) {
			return client.secrets().inNamespace(namespace).withName(name).get();
		}
	}

	static String decoded(Secret secret, String key) {
		Map<String, String> data = secret == null ? null : secret.getData();
		return data == null || data.get(key) == null ? null
				: new String(Base64.getDecoder().decode(data.get(key)), java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void aSetSecretReachesTheHubsEnvSecretAndAReplacementNeedsTheVersionSeen() {
		Api.Response created = ada.put(MTU + "/FLOW_TOKEN", """
				{"value":"first-value","delivery":"ENV","description":"for the flow test"}""");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.body()).doesNotContain("first-value");
		assertThat(created.json().get("version").asInt()).isEqualTo(1);
		Eventually.within(Duration.ofSeconds(5), "FLOW_TOKEN in hubguard-user-env",
				() -> "first-value".equals(decoded(clusterSecret("2i2c", "mtu", "hubguard-user-env"), "FLOW_TOKEN")));

		Api.Response blind = ada.put(MTU + "/FLOW_TOKEN", """
				{"value":"second-value","delivery":"ENV"}""");
		assertThat(blind.status()).isEqualTo(409);
		Api.Response stale = ada.put(MTU + "/FLOW_TOKEN", """
				{"value":"second-value","delivery":"ENV"}""", "If-Match", "\"7\"");
		assertThat(stale.status()).isEqualTo(409);
		Api.Response replaced = ada.put(MTU + "/FLOW_TOKEN", """
				{"value":"second-value","delivery":"ENV","description":"rotated"}""", "If-Match", "\"1\"");
		assertThat(replaced.status()).isEqualTo(200);
		assertThat(replaced.json().get("version").asInt()).isEqualTo(2);
		Eventually.within(Duration.ofSeconds(5), "the new value in the cluster",
				() -> "second-value".equals(decoded(clusterSecret("2i2c", "mtu", "hubguard-user-env"), "FLOW_TOKEN")));
		assertThat(ada.get(MTU + "/FLOW_TOKEN").json().get("history").toString()).contains("value replaced")
			.contains("description changed")
			.doesNotContain("second-value");

		assertThat(ada.delete(MTU + "/FLOW_TOKEN", "If-Match", "2").status()).isEqualTo(204);
		assertThat(ada.get(MTU + "/FLOW_TOKEN").status()).isEqualTo(404);
	}

	@Test
	void aFileSecretGoesToTheFilesSecretAndTheLastOneDeletedPrunesIt() {
		assertThat(ada.get(MTU).json().get("secrets").toString()).as("no other file secret on mtu")
			.doesNotContain("\"FILE\"");
		String licence = Base64.getEncoder().encodeToString(new byte[] { 0, 1, 2, (byte) 0xff, 'L' });
		assertThat(ada.put(MTU + "/licence.lic", """
				{"valueBase64":"%s","delivery":"FILE"}""".formatted(licence)).status()).isEqualTo(201);
		Eventually.within(Duration.ofSeconds(5), "licence.lic in hubguard-user-files", () -> {
			Secret files = clusterSecret("2i2c", "mtu", "hubguard-user-files");
			return files != null && licence.equals(files.getData().get("licence.lic"));
		});
		assertThat(clusterSecret("2i2c", "mtu", "hubguard-user-files").getMetadata().getLabels())
			.containsEntry("app.kubernetes.io/managed-by", "hubguard");
		assertThat(ada.delete(MTU + "/licence.lic").status()).isEqualTo(204);
		Eventually.within(Duration.ofSeconds(5), "hubguard-user-files pruned",
				() -> clusterSecret("2i2c", "mtu", "hubguard-user-files") == null);
	}

	@Test
	void staffSeeSecretsPastTheirRotateByDateOnTheirDashboard() {
		dev.hubguard.support.SignInClient staff = new dev.hubguard.support.SignInClient(port);
		staff.signIn("cilogon", "staff");
		assertThat(staff.get("/").body()).doesNotContain("OVERDUE_KEY");
		assertThat(ada.put(MTU + "/OVERDUE_KEY", """
				{"value":"old","delivery":"ENV","rotateBy":"2020-01-31"}""").status()).isEqualTo(201);
		assertThat(ada.put(MTU + "/FRESH_KEY", """
				{"value":"new","delivery":"ENV","rotateBy":"2999-01-01"}""").status()).isEqualTo(201);
		String dashboard = staff.get("/").body();
		assertThat(dashboard).contains("Secrets past their rotate-by date")
			.contains("OVERDUE_KEY")
			.contains("2020-01-31");
		assertThat(dashboard).doesNotContain("FRESH_KEY");
		assertThat(ada.get(MTU + "/OVERDUE_KEY").json().get("overdue").asBoolean()).isTrue();
		ada.delete(MTU + "/OVERDUE_KEY");
		ada.delete(MTU + "/FRESH_KEY");
		assertThat(staff.get("/").body()).doesNotContain("OVERDUE_KEY");
	}

	@Test
	void anotherHubsAdminCannotListSetOrDeleteMtuSecrets() {
		assertThat(ada.put(MTU + "/B_TARGET", """
				{"value":"kept","delivery":"ENV"}""").status()).isEqualTo(201);
		assertThat(bo.get(MTU).status()).isEqualTo(403);
		assertThat(bo.get(MTU + "/B_TARGET").status()).isEqualTo(403);
		assertThat(bo.put(MTU + "/B_TARGET", """
				{"value":"taken","delivery":"ENV"}""", "If-Match", "1").status()).isEqualTo(403);
		assertThat(bo.delete(MTU + "/B_TARGET", "If-Match", "1").status()).isEqualTo(403);
		assertThat(ada.get(MTU + "/B_TARGET").json().get("version").asInt()).isEqualTo(1);
		Eventually.within(Duration.ofSeconds(5), "B_TARGET unchanged in the cluster",
				() -> "kept".equals(decoded(clusterSecret("2i2c", "mtu", "hubguard-user-env"), "B_TARGET")));
		assertThat(ada.delete(MTU + "/B_TARGET").status()).isEqualTo(204);
	}

	@Test
	void theDemosMtuIsWiredWithAShadowedVariableAndSpyglassIsNot() {
		assertThat(ada.put(MTU + "/EARTHDATA_USERNAME", """
				{"value":"shadowed-one","delivery":"ENV"}""").status()).isEqualTo(201);
		Eventually.within(Duration.ofSeconds(10), "mtu wired",
				() -> "WIRED".equals(ada.get(MTU).json().get("wiring").get("env").asString()));
		var wiring = ada.get(MTU).json().get("wiring");
		assertThat(wiring.get("files").asString()).isEqualTo("WIRED");
		assertThat(wiring.get("shadowed").get("EARTHDATA_USERNAME")).isNotNull();
		assertThat(wiring.get("restartNeeded").size()).isEqualTo(wiring.get("pods").size()).isPositive();
		var spyglass = bo.get("/api/v1/hubs/hhmi/spyglass/secrets").json().get("wiring");
		assertThat(spyglass.get("env").asString()).isEqualTo("NOT_WIRED");
		assertThat(spyglass.get("files").asString()).isEqualTo("NOT_WIRED");
		assertThat(ada.delete(MTU + "/EARTHDATA_USERNAME").status()).isEqualTo(204);
	}

}
