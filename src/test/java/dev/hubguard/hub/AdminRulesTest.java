package dev.hubguard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminRulesTest {

	static AdminCandidate github(String login, String... teams) {
		return AdminCandidate.github(login, Set.of(teams));
	}

	static AdminCandidate cilogon(String email, String idp) {
		return AdminCandidate.cilogon(email, true, idp);
	}

	@Test
	void admitsListedUsernamesAndEmailsCaseInsensitively() {
		AdminRules rules = new AdminRules(List.of("Choldgraf", "ada@mtu.example"), List.of(), null, List.of());

		assertThat(rules.admits(github("choldgraf"))).isTrue();
		assertThat(rules.admits(cilogon("Ada@MTU.example", "https://any.idp"))).isTrue();
		assertThat(rules.admits(github("yuvipanda"))).isFalse();
	}

	@Test
	void aCilogonEmailClaimNeverMatchesAGithubLoginEntry() {
		AdminRules rules = new AdminRules(List.of("bo-hhmi"), List.of(), null, List.of());

		assertThat(rules.admits(cilogon("bo-hhmi", "https://idp.random.example"))).isFalse();
		assertThat(rules.admits(github("bo-hhmi"))).isTrue();
	}

	@Test
	void anEmailEntryMatchesOnlyATrustedValidCilogonEmail() {
		AdminRules rules = new AdminRules(List.of("ada@mtu.example"), List.of(), null, List.of());

		assertThat(rules.admits(github("ada@mtu.example"))).as("a GitHub login is never an email").isFalse();
		assertThat(rules.admits(AdminCandidate.cilogon("ada@mtu.example", false, "https://any.idp")))
			.as("untrusted provider")
			.isFalse();
		for (String malformed : List.of("ada@mtu.example ", "\"ada\"@mtu.example", "ada@@mtu.example",
				"ada@mtu.example.", "ada@[127.0.0.1]")) {
			AdminRules loose = new AdminRules(List.of(malformed.strip()), List.of(), null, List.of());
			if (!malformed.strip().equals("ada@mtu.example")) {
				assertThat(loose.admits(cilogon(malformed, "https://any.idp"))).as(malformed).isFalse();
			}
		}
	}

	@Test
	void admitsMembersOfListedGithubTeams() {
		AdminRules rules = new AdminRules(List.of(), List.of("2i2c-org:Hub-Access"), null, List.of());

		assertThat(rules.admits(github("someone", "2i2c-org:hub-access"))).isTrue();
		assertThat(rules.admits(github("someone", "2i2c-org:other-team"))).isFalse();
	}

	@Test
	void cilogonRuleNeedsBothTheIdentityProviderAndAnAllowedDomain() {
		AdminRules rules = new AdminRules(List.of(), List.of(), "https://idp.mtu.example/idp/shibboleth",
				List.of("mtu.example"));

		assertThat(rules.admits(cilogon("prof@mtu.example", "https://idp.mtu.example/idp/shibboleth"))).isTrue();
		assertThat(rules.admits(cilogon("prof@mtu.example", "https://accounts.google.com"))).as("other IdP").isFalse();
		assertThat(rules.admits(cilogon("prof@gmail.com", "https://idp.mtu.example/idp/shibboleth"))).as("other domain")
			.isFalse();
		assertThat(rules.admits(cilogon("mtu.example", "https://idp.mtu.example/idp/shibboleth")))
			.as("a claim that is no email has no domain")
			.isFalse();
	}

	@Test
	void emptyRulesAdmitNobody() {
		assertThat(AdminRules.none().admits(github("anyone", "any:team"))).isFalse();
	}

}
