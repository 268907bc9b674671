package dev.hubguard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A variable that changes how servers run is refused until provider staff allow it for
 * one hub: then that hub's admins may set it, no other hub's, and both the allowance and
 * taking it back are audited.
 */
@PortalTest
class SecretNameAllowanceFlowTest {

	static final String MTU = "/api/v1/hubs/2i2c/mtu/secrets";

	static final String SPYGLASS = "/api/v1/hubs/hhmi/spyglass/secrets";

	static final String ALLOW_MTU = "/api/v1/staff/hubs/2i2c/mtu/secret-names";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Test
	void serverChangingVariablesAreRefusedOnEveryPathWithTheReason() {
		Api ada = Api.as(port, accounts, tokens,
				Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		for (String name : NameRulesTest.SERVER_CHANGING) {
			Api.Response refused = ada.put(MTU + "/" + name.toLowerCase(java.util.Locale.ROOT), """
					{"value":"v","delivery":"ENV"}""");
			assertThat(refused.status()).as(name + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.json().get("field").asString()).isEqualTo("name");
			assertThat(refused.json().get("message").asString()).contains("ask provider staff");
		}
		assertThat(ada.put(MTU + "/jupyter_server_config.py", """
				{"value":"c = 1","delivery":"FILE"}""").status()).as("a file of that name is only a file")
			.isEqualTo(201);
		assertThat(ada.put(MTU + "/NODE_AUTH_TOKEN", """
				{"value":"npm-token","delivery":"ENV"}""").status()).isEqualTo(201);
		assertThat(ada.delete(MTU + "/jupyter_server_config.py").status()).isEqualTo(204);
		assertThat(ada.delete(MTU + "/NODE_AUTH_TOKEN").status()).isEqualTo(204);

		SignInClient page = new SignInClient(port);
		page.signIn("cilogon", "admin-a");
		assertThat(page
			.postForm("/hubs/2i2c/mtu/secrets", "/hubs/2i2c/mtu/secrets", "name=PYTHONWARNINGS&delivery=ENV&value=v")
			.body()).contains("variables change how Python starts in every server");
	}

	@Test
	void staffAllowANameForOneHubOnlyAndBothDecisionsAreAudited() {
		Api ada = Api.as(port, accounts, tokens,
				Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		Api bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		Api staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		String variable = "{\"value\":\"ignore::DeprecationWarning\",\"delivery\":\"ENV\"}";
		assertThat(ada.put(MTU + "/PYTHONWARNINGS", variable).status()).isEqualTo(400);

		assertThat(ada.post(ALLOW_MTU, """
				{"name":"PYTHONWARNINGS","reason":"mine"}""").status()).as("the hub's own admin").isEqualTo(403);
		assertThat(staff.post(ALLOW_MTU, """
				{"name":"OPENAI_API_KEY","reason":"x"}""").json().get("field").asString()).isEqualTo("name");
		assertThat(staff.post(ALLOW_MTU, """
				{"name":"PYTHONWARNINGS"}""").json().get("field").asString()).isEqualTo("reason");
		Api.Response allowed = staff.post(ALLOW_MTU, """
				{"name":"pythonwarnings","reason":"the course silences a library's deprecation noise"}""");
		assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);
		assertThat(allowed.json().get("name").asString()).isEqualTo("PYTHONWARNINGS");

		assertThat(ada.put(MTU + "/PYTHONWARNINGS", variable).status()).isEqualTo(201);
		assertThat(ada.put(MTU + "/PYTHONSTARTUP", variable).status()).as("not the whole family").isEqualTo(400);
		assertThat(bo.put(SPYGLASS + "/PYTHONWARNINGS", variable).status()).as("not another hub").isEqualTo(400);
		assertThat(ada.get(MTU).json().get("allowedNames").toString()).contains("PYTHONWARNINGS")
			.contains("deprecation noise");
		assertThat(bo.get(SPYGLASS).json().get("allowedNames").toString()).doesNotContain("PYTHONWARNINGS");

		Api.Response stillUsed = staff.delete(ALLOW_MTU + "/PYTHONWARNINGS");
		assertThat(stillUsed.status()).isEqualTo(409);
		assertThat(stillUsed.json().get("message").asString()).contains("delete it");
		assertThat(ada.delete(MTU + "/PYTHONWARNINGS").status()).isEqualTo(204);
		assertThat(staff.delete(ALLOW_MTU + "/PYTHONWARNINGS").status()).isEqualTo(204);
		assertThat(ada.put(MTU + "/PYTHONWARNINGS", variable).status()).isEqualTo(400);

		String audit = staff.get("/api/v1/audit?hub=2i2c/mtu&limit=200").body();
		assertThat(audit).contains("secrets.name-allowed")
			.contains("Allowed secret variable PYTHONWARNINGS on this hub (refused by default): the course silences")
			.contains("secrets.name-refused")
			.doesNotContain("ignore::DeprecationWarning");
		assertThat(staff.get("/api/v1/audit?hub=hhmi/spyglass&limit=200").body())
			.doesNotContain("secrets.name-allowed");
	}

	@Test
	void staffAllowANameFromTheHubsSecretsPage() {
		SignInClient staff = new SignInClient(port);
		staff.signIn("cilogon", "staff");
		String secrets = "/hubs/2i2c/staging/secrets";
		assertThat(staff.get(secrets).body()).contains("id=\"allow-form\"");
		String notAName = staff.postForm(secrets, "/staff/hubs/2i2c/staging/secret-names", "name=HF_TOKEN&reason=x")
			.body();
		assertThat(notAName).contains("HF_TOKEN is not refused");
		assertThat(staff
			.postForm(secrets, "/staff/hubs/2i2c/staging/secret-names",
					"name=R_LIBS_USER&reason=" + SignInClient.encode("the course's own R packages"))
			.statusCode()).isEqualTo(302);
		assertThat(staff.get(secrets).body()).contains("may now set a variable R_LIBS_USER")
			.contains("data-allowed=\"R_LIBS_USER\"")
			.contains("the course&#39;s own R packages");
		assertThat(staff.postForm(secrets, "/staff/hubs/2i2c/staging/secret-names/R_LIBS_USER/refuse", "").statusCode())
			.isEqualTo(302);
		assertThat(staff.get(secrets).body()).contains("R_LIBS_USER is refused on 2i2c/staging again")
			.doesNotContain("data-allowed=\"R_LIBS_USER\"");
	}

}
