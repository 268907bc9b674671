package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.net.http.HttpResponse;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bad requests get a clear 400 (or 409) naming the field, and change nothing. */
@PortalTest
class InternetAccessInputTest {

	static final String BINDER = "/api/v1/hubs/hhmi/binder/internet-access";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	Api staff;

	@BeforeEach
	void person() {
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
	}

	int version() {
		return jdbc.sql("select coalesce(max(version), 0) from egress_versions where hub = 'hhmi/binder'")
			.query(Integer.class)
			.single();
	}

	int requests() {
		return jdbc.sql("select count(*) from change_requests").query(Integer.class).single();
	}

	Api.Response allowList(String cidr, String port, String reason) {
		String rule = "{\"cidr\":\"" + cidr + "\",\"protocol\":\"TCP\""
				+ (port == null || port.isEmpty() ? "" : ",\"port\":" + port) + ",\"reason\":\"" + reason + "\"}";
		return staff.put(BINDER, "{\"mode\":\"ALLOWLIST\",\"rules\":[" + rule
				+ "],\"justification\":\"test\",\"baseVersion\":" + version() + "}");
	}

	@ParameterizedTest(name = "{0} port {1}: {3}")
	@CsvSource(delimiter = '|', textBlock = """
			10.0.0.0/33       | 443   | reason | rules[0].cidr   | 10.0.0.0/33
			300.1.1.1/32      | 443   | reason | rules[0].cidr   | 300.1.1.1/32
			::/129            | 443   | reason | rules[0].cidr   | ::/129
			203.0.113.0/24    | 70000 | reason | rules[0].port   | 70000
			203.0.113.0/24    | 0     | reason | rules[0].port   | 0
			169.254.169.254/32| 80    | reason | rules[0].cidr   | metadata
			169.254.0.0/16    |       | reason | rules[0].cidr   | metadata
			10.1.0.0/16       | 443   | reason | rules[0].cidr   | private
			203.0.113.0/24    | 443   | ' '    | rules[0].reason | why
			""")
	void aBadAllowListEntryIsRefusedWithItsField(String cidr, String port, String reason, String field,
			String message) {
		int before = requests();

		Api.Response response = allowList(cidr, port, reason.isBlank() ? " " : reason);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo(field);
		assertThat(response.json().get("message").asString()).contains(message);
		assertThat(requests()).isEqualTo(before);
	}

	@Test
	void anAllowListOfMoreThan200EntriesIsRefused() {
		StringJoiner rules = new StringJoiner(",");
		for (int i = 0; i < 201; i++) {
			rules.add("{\"cidr\":\"203.0." + (i / 250) + "." + (i % 250) + "/32\",\"port\":443,\"reason\":\"host " + i
					+ "\"}");
		}
		int before = requests();

		Api.Response response = staff.put(BINDER, "{\"mode\":\"ALLOWLIST\",\"rules\":[" + rules
				+ "],\"justification\":\"x\",\"baseVersion\":" + version() + "}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("message").asString()).contains("at most 200");
		assertThat(requests()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", ",\"baseVersion\":null", ",\"baseVersion\":\"\"" })
	void aRequestWithoutTheVersionItWasBasedOnIsRefused(String baseVersion) {
		int before = requests();
		int version = version();

		Api.Response response = staff.put(BINDER,
				"{\"mode\":\"BLOCKED\",\"justification\":\"close it\"" + baseVersion + "}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo("baseVersion");
		assertThat(response.json().get("message").asString()).containsIgnoringCase("version");
		assertThat(requests()).isEqualTo(before);
		assertThat(version()).isEqualTo(version);
	}

	@Test
	void thePageFormWithoutItsBaseVersionIsRefusedAndFilesNothing() {
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		String page = "/hubs/hhmi/binder/internet-access";
		int before = requests();
		int version = version();

		HttpResponse<String> response = sam.postForm(page, page, "mode=BLOCKED&justification=close&baseVersion=");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("id=\"form-error\"").contains("version");
		assertThat(requests()).isEqualTo(before);
		assertThat(version()).isEqualTo(version);
	}

	@Test
	void anEditOfAnOlderVersionIsAConflict() {
		int before = requests();

		Api.Response response = staff.put(BINDER, "{\"mode\":\"OPEN\",\"justification\":\"x\",\"baseVersion\":9999}");

		assertThat(response.status()).isEqualTo(409);
		assertThat(requests()).isEqualTo(before);
	}

	@Test
	void missingModeJustificationOrMalformedJsonAreRefused() {
		int before = requests();

		assertThat(staff.put(BINDER, "{\"justification\":\"x\",\"baseVersion\":" + version() + "}")
			.json()
			.get("field")
			.asString()).isEqualTo("mode");
		assertThat(staff.put(BINDER, "{\"mode\":\"OPEN\",\"justification\":\"  \",\"baseVersion\":" + version() + "}")
			.json()
			.get("field")
			.asString()).isEqualTo("justification");
		assertThat(staff.put(BINDER, "{\"mode\":\"SOMETIMES\"}").status()).isEqualTo(400);
		assertThat(staff.put(BINDER, "{not json").status()).isEqualTo(400);
		assertThat(staff
			.put(BINDER,
					"{\"mode\":\"OPEN\",\"rules\":[{\"cidr\":\"1.2.3.4/32\"}],\"justification\":\"x\",\"baseVersion\":"
							+ version() + "}")
			.json()
			.get("field")
			.asString()).isEqualTo("rules");
		assertThat(requests()).isEqualTo(before);
	}

}
