package dev.hubguard.hub;

import dev.hubguard.shared.EmailAddress;
import java.util.List;
import java.util.Locale;

/**
 * Who administers a hub: users (an entry with {@code @} is a CILogon email, any other a
 * GitHub login, since GitHub logins cannot contain {@code @}), GitHub {@code org:team}s,
 * or a CILogon identity provider with the email domains it may vouch for.
 */
public record AdminRules(List<String> users, List<String> githubTeams, String cilogonIdp, List<String> cilogonDomains) {

	public AdminRules {
		users = lower(users);
		githubTeams = lower(githubTeams);
		cilogonDomains = lower(cilogonDomains);
		cilogonIdp = cilogonIdp == null || cilogonIdp.isBlank() ? null : cilogonIdp.trim();
	}

	public static AdminRules none() {
		return new AdminRules(List.of(), List.of(), null, List.of());
	}

	public boolean admits(AdminCandidate who) {
		for (String user : users) {
			String identity = EmailAddress.isEmailEntry(user) ? who.trustedEmail() : who.githubLogin();
			if (user.equals(identity)) {
				return true;
			}
		}
		if (who.githubTeams().stream().anyMatch(githubTeams::contains)) {
			return true;
		}
		return cilogonIdp != null && cilogonIdp.equals(who.cilogonIdp()) && who.cilogonEmailDomain() != null
				&& cilogonDomains.contains(who.cilogonEmailDomain());
	}

	private static List<String> lower(List<String> values) {
		return values == null ? List.of()
				: values.stream()
					.filter(v -> v != null && !v.isBlank())
					.map(v -> v.trim().toLowerCase(Locale.ROOT))
					.toList();
	}

}
