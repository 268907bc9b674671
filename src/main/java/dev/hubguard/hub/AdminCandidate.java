package dev.hubguard.hub;

import dev.hubguard.shared.EmailAddress;
import java.util.Locale;
import java.util.Set;

/**
 * What a signed-in identity tells the admin rules about itself (all values lower case,
 * absent values {@code null}). A GitHub sign-in has only a login and teams; a CILogon
 * sign-in only an email, its identity provider and the email's domain. The two never mix:
 * an email claim is never compared with a GitHub login, nor a login with an email.
 *
 * @param githubLogin the GitHub login
 * @param trustedEmail a syntactically valid CILogon email, asserted by an identity
 * provider Hubguard trusts for emails
 * @param githubTeams GitHub {@code org:team} memberships
 * @param cilogonIdp the upstream identity provider CILogon used
 * @param cilogonEmailDomain the domain of a syntactically valid CILogon email, trusted or
 * not (the domain rule names its identity provider itself)
 */
public record AdminCandidate(String githubLogin, String trustedEmail, Set<String> githubTeams, String cilogonIdp,
		String cilogonEmailDomain) {

	public AdminCandidate {
		githubTeams = githubTeams == null ? Set.of() : Set.copyOf(githubTeams);
	}

	public static AdminCandidate github(String login, Set<String> teams) {
		return new AdminCandidate(lower(login), null,
				teams == null ? Set.of() : Set.copyOf(teams.stream().map(AdminCandidate::lower).toList()), null, null);
	}

	/**
	 * @param emailTrusted whether the identity provider is trusted to assert emails
	 */
	public static AdminCandidate cilogon(String emailClaim, boolean emailTrusted, String idp) {
		String email = EmailAddress.isValid(emailClaim) ? lower(emailClaim.strip()) : null;
		return new AdminCandidate(null, emailTrusted ? email : null, Set.of(), idp,
				email == null ? null : email.substring(email.lastIndexOf('@') + 1));
	}

	private static String lower(String value) {
		return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
	}

}
