package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster tells one person from another only by identities of the same kind. */
class StaffRosterTest {

	static final String SUBJECT = "http://cilogon.org/serverA/users/42";

	@TempDir
	Path dir;

	StaffRoster roster() throws IOException {
		Path file = dir.resolve("roster.yaml");
		Files.writeString(file, """
				staff:
				  - person: sam
				    name: Sam Staff
				    cilogon: [sam@hubguard.example, "%s"]
				    github: [sam-staff, "583231"]
				""".formatted(SUBJECT));
		IdentityProperties properties = new IdentityProperties(null, null,
				new IdentityProperties.Staff(List.of(), List.of(), file));
		return new StaffRoster(properties, new EmailTrust(properties));
	}

	static Identity cilogon(String subject, String email) {
		return new Identity(Identity.Provider.CILOGON, subject, email, email, null, "https://idp.example", Set.of());
	}

	static Identity github(String id, String login) {
		return new Identity(Identity.Provider.GITHUB, id, login, null, null, null, Set.of());
	}

	@Test
	void staffAreKnownByEachOfTheirIdentities() throws IOException {
		StaffRoster roster = roster();

		assertThat(roster.personOf(cilogon(SUBJECT, null))).contains("sam");
		assertThat(roster.personOf(cilogon("other-subject", "sam@hubguard.example"))).contains("sam");
		assertThat(roster.personOf(github("583231", "renamed"))).contains("sam");
		assertThat(roster.personOf(github("1", "sam-staff"))).contains("sam");
	}

	@Test
	void anEmailClaimEqualToAStaffSubjectIsNotThatPerson() throws IOException {
		assertThat(roster().personOf(cilogon("mallory", SUBJECT))).isEmpty();
	}

	@Test
	void aSubjectEqualToAStaffEmailIsNotThatPerson() throws IOException {
		assertThat(roster().personOf(cilogon("sam@hubguard.example", "mallory@evil.example"))).isEmpty();
	}

	@Test
	void aNumericGithubLoginIsNotTheAccountWithThatId() throws IOException {
		assertThat(roster().personOf(github("999", "583231"))).isEmpty();
	}

}
