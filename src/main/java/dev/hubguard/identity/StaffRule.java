package dev.hubguard.identity;

import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Provider staff are members of a configured GitHub team, or configured CILogon
 * identities.
 */
@Component
class StaffRule {

	private final IdentityProperties.Staff staff;

	private final EmailTrust emailTrust;

	StaffRule(IdentityProperties properties, EmailTrust emailTrust) {
		this.staff = properties.staff();
		this.emailTrust = emailTrust;
	}

	boolean matches(Identity who) {
		return switch (who.provider()) {
			case GITHUB -> who.githubTeams().stream().anyMatch(staff.githubTeams()::contains);
			case CILOGON ->
				(who.email() != null && emailTrust.trusts(who) && staff.cilogonUsers().contains(who.email()))
						|| staff.cilogonUsers().contains(who.subject().toLowerCase(Locale.ROOT));
		};
	}

}
