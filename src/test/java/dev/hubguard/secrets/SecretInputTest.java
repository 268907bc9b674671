package dev.hubguard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each kind of bad input is a 400 naming the field, and changes nothing. */
@PortalTest
class SecretInputTest {

	static final String API = "/api/v1/hubs/hhmi/spyglass/secrets";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	record Bad(String name, String body, String field) {
	}

	static String env(String value) {
		return "{\"value\":\"" + value + "\",\"delivery\":\"ENV\"}";
	}

	@Test
	void badInputIsRefusedWithTheFieldNamedAndNothingChanged() {
		Api bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		String before = bo.get(API).json().get("secrets").toString();
		List<Bad> cases = List.of(new Bad("1STARTS_WITH_DIGIT", env("v"), "name"),
				new Bad("has-dash", env("v"), "name"), new Bad("PATH", env("v"), "name"),
				new Bad("path", env("v"), "name"), new Bad("LD_PRELOAD", env("v"), "name"),
				new Bad("PYTHONSTARTUP", env("v"), "name"), new Bad("JUPYTERHUB_API_TOKEN", env("v"), "name"),
				new Bad("jpy_api_token", env("v"), "name"), new Bad("KUBERNETES_SERVICE_HOST", env("v"), "name"),
				new Bad("MEM_LIMIT", env("v"), "name"), new Bad("NODE_OPTIONS", env("v"), "name"),
				new Bad("..hidden", "{\"value\":\"v\",\"delivery\":\"FILE\"}", "name"),
				new Bad("a%20space", "{\"value\":\"v\",\"delivery\":\"FILE\"}", "name"),
				new Bad("L".repeat(254), "{\"value\":\"v\",\"delivery\":\"FILE\"}", "name"),
				new Bad("EMPTY_VALUE", env(""), "value"), new Bad("NUL_VALUE", env("a\\u0000b"), "value"),
				new Bad("NO_DELIVERY", "{\"value\":\"v\"}", "delivery"),
				new Bad("BAD_DELIVERY", "{\"value\":\"v\",\"delivery\":\"SMOKE\"}", "delivery"),
				new Bad("BAD_DATE", "{\"value\":\"v\",\"delivery\":\"ENV\",\"rotateBy\":\"next week\"}", "rotateBy"),
				new Bad("BAD_BASE64", "{\"valueBase64\":\"@@@\",\"delivery\":\"FILE\"}", "valueBase64"),
				new Bad("LONG_DESCRIPTION",
						"{\"value\":\"v\",\"delivery\":\"ENV\",\"description\":\"" + "d".repeat(501) + "\"}",
						"description"),
				new Bad("TOO_BIG",
						"{\"valueBase64\":\"" + Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1])
								+ "\",\"delivery\":\"FILE\"}",
						"valueBase64"),
				new Bad("NO_VALUE", "{\"delivery\":\"ENV\"}", "value"));
		for (Bad bad : cases) {
			Api.Response answer = bo.put(API + "/" + bad.name(), bad.body());
			assertThat(answer.status()).as(bad.name() + ": " + answer.body()).isEqualTo(400);
			assertThat(answer.json().path("field").asString()).as(bad.name() + ": " + answer.body())
				.isEqualTo(bad.field());
			assertThat(answer.json().get("message").asString()).isNotBlank();
		}
		assertThat(bo.get(API).json().get("secrets").toString()).isEqualTo(before);
	}

	@Test
	void aNameUsedForAFileCannotBeTakenByANewVariable() {
		Api bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		assertThat(bo.put(API + "/SHARED_NAME", "{\"value\":\"v\",\"delivery\":\"FILE\"}").status()).isEqualTo(201);
		Api.Response twice = bo.put(API + "/SHARED_NAME", env("v"));
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.json().get("message").asString()).contains("exists");
		assertThat(bo.delete(API + "/SHARED_NAME").status()).isEqualTo(204);
	}

	@Test
	void aHubHoldsAtMostOneMebibyteOfVariablesAndAHundredSecrets() {
		Api bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		String half = Base64.getEncoder().encodeToString("x".repeat(600 * 1024).getBytes());
		assertThat(bo.put(API + "/BIG_ONE", "{\"valueBase64\":\"" + half + "\",\"delivery\":\"ENV\"}").status())
			.isEqualTo(201);
		Api.Response over = bo.put(API + "/BIG_TWO", "{\"valueBase64\":\"" + half + "\",\"delivery\":\"ENV\"}");
		assertThat(over.status()).isEqualTo(400);
		assertThat(over.json().get("field").asString()).isEqualTo("valueBase64");
		assertThat(over.json().get("message").asString()).contains("1 MiB");
		assertThat(bo.delete(API + "/BIG_ONE").status()).isEqualTo(204);

		int existing = bo.get(API).json().get("secrets").size();
		for (int i = existing; i < 100; i++) {
			assertThat(bo.put(API + "/MANY_" + i, env("v")).status()).isEqualTo(201);
		}
		Api.Response hundredFirst = bo.put(API + "/MANY_LAST", env("v"));
		assertThat(hundredFirst.status()).isEqualTo(400);
		assertThat(hundredFirst.json().get("message").asString()).contains("at most 100");
		for (int i = existing; i < 100; i++) {
			bo.delete(API + "/MANY_" + i);
		}
		assertThat(bo.get(API).json().get("secrets").size()).isEqualTo(existing);
	}

}
