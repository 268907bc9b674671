package dev.hubguard.identity;

import dev.hubguard.shared.EmailAddress;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Provider staff are members of a configured GitHub team, or configured CILogon
 * identities: an entry with {@code @} is an email and matches only a trusted, valid email
 * claim; any other entry is a subject and matches only the subject.
 */
@Component
class StaffRule {

	private final Set<String> githubTeams;

	private final Set<String> cilogonEmails;

	private final Set<String> cilogonSubjects;

	private final EmailTrust emailTrust;

	StaffRule(IdentityProperties properties, EmailTrust emailTrust) {
		IdentityProperties.Staff staff = properties.staff();
		this.githubTeams = Set.copyOf(staff.githubTeams());
		this.cilogonEmails = Set.copyOf(staff.cilogonUsers().stream().filter(EmailAddress::isEmailEntry).toList());
		this.cilogonSubjects = Set
			.copyOf(staff.cilogonUsers().stream().filter(entry -> !EmailAddress.isEmailEntry(entry)).toList());
		this.emailTrust = emailTrust;
	}

	boolean matches(Identity who) {
		return switch (who.provider()) {
			case GITHUB -> who.githubTeams().stream().anyMatch(githubTeams::contains);
			case CILOGON -> emailTrust.trustedEmail(who).filter(cilogonEmails::contains).isPresent()
					|| cilogonSubjects.contains(who.subject().toLowerCase(Locale.ROOT));
		};
	}

}
