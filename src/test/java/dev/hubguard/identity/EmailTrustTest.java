package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.hub.AdminRules;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmailTrustTest {

	static final String CAMPUS = "https://sso.mtu.example/idp/shibboleth";

	static final String SOCIAL = "https://accounts.social.example";

	static IdentityProperties properties(List<String> trustedIdps) {
		return new IdentityProperties(new IdentityProperties.Cilogon("id", "secret", null, null, trustedIdps), null,
				new IdentityProperties.Staff(List.of(),
						List.of("sam@hubguard.example", "http://cilogon.org/serverA/users/42")));
	}

	static Identity cilogon(String subject, String email, String idp) {
		return new Identity(Identity.Provider.CILOGON, subject, email, email, email, idp, Set.of());
	}

	@Test
	void anEmailFromAnUntrustedProviderNamesNoAdminAndNoStaff() {
		EmailTrust trust = new EmailTrust(properties(List.of(CAMPUS)));
		StaffRule staff = new StaffRule(properties(List.of(CAMPUS)), trust);
		AdminRules mtu = new AdminRules(List.of("ada@mtu.example"), List.of(), null, List.of());

		assertThat(mtu.admits(trust.candidate(cilogon("s1", "ada@mtu.example", CAMPUS)))).isTrue();
		assertThat(mtu.admits(trust.candidate(cilogon("s2", "ada@mtu.example", SOCIAL)))).isFalse();
		assertThat(staff.matches(cilogon("s3", "sam@hubguard.example", SOCIAL))).isFalse();
		assertThat(staff.matches(cilogon("http://cilogon.org/serverA/users/42", "x@y.example", SOCIAL)))
			.as("staff by subject")
			.isTrue();
	}

	@Test
	void withoutAnAllowListEveryProviderIsTrusted() {
		EmailTrust trust = new EmailTrust(properties(List.of()));
		AdminRules mtu = new AdminRules(List.of("ada@mtu.example"), List.of(), null, List.of());

		assertThat(mtu.admits(trust.candidate(cilogon("s2", "ada@mtu.example", SOCIAL)))).isTrue();
		assertThat(new StaffRule(properties(List.of()), trust).matches(cilogon("s3", "sam@hubguard.example", SOCIAL)))
			.isTrue();
	}

	@Test
	void theDomainRuleStillWorksForItsOwnProvider() {
		EmailTrust trust = new EmailTrust(properties(List.of(CAMPUS)));
		AdminRules byDomain = new AdminRules(List.of(), List.of(), SOCIAL, List.of("mtu.example"));

		assertThat(byDomain.admits(trust.candidate(cilogon("s4", "prof@mtu.example", SOCIAL)))).isTrue();
	}

	@Test
	void aStaffSubjectClaimedAsAnEmailIsNotStaff() {
		EmailTrust trust = new EmailTrust(properties(List.of()));
		StaffRule staff = new StaffRule(properties(List.of()), trust);

		assertThat(staff.matches(cilogon("s5", "http://cilogon.org/serverA/users/42", SOCIAL))).isFalse();
		assertThat(staff.matches(cilogon("sam@hubguard.example", "someone@else.example", SOCIAL)))
			.as("an email entry is never compared with a subject")
			.isFalse();
	}

	@Test
	void aGithubEmailIsNeverAnAdminsEmail() {
		EmailTrust trust = new EmailTrust(properties(List.of()));
		AdminRules mtu = new AdminRules(List.of("ada@mtu.example"), List.of(), null, List.of());
		Identity github = new Identity(Identity.Provider.GITHUB, "9", "mallory", "ada@mtu.example", null, null,
				Set.of());

		assertThat(mtu.admits(trust.candidate(github))).isFalse();
	}

}
