package dev.hubguard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminRulesTest {

	record Candidate(Set<String> namesAndEmails, Set<String> githubTeams, Optional<String> cilogonIdp,
			Optional<String> emailDomain) implements AdminCandidate {
	}

	static Candidate github(String login, String... teams) {
		return new Candidate(Set.of(login), Set.of(teams), Optional.empty(), Optional.empty());
	}

	static Candidate cilogon(String email, String idp) {
		return new Candidate(Set.of(email), Set.of(), Optional.of(idp),
				Optional.of(email.substring(email.indexOf('@') + 1)));
	}

	@Test
	void admitsListedUsernamesAndEmailsCaseInsensitively() {
		AdminRules rules = new AdminRules(List.of("Choldgraf", "ada@mtu.example"), List.of(), null, List.of());

		assertThat(rules.admits(github("choldgraf"))).isTrue();
		assertThat(rules.admits(cilogon("ada@mtu.example", "https://any.idp"))).isTrue();
		assertThat(rules.admits(github("yuvipanda"))).isFalse();
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
	}

	@Test
	void emptyRulesAdmitNobody() {
		assertThat(AdminRules.none().admits(github("anyone", "any:team"))).isFalse();
	}

}
