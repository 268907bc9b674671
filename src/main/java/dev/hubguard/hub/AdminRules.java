package dev.hubguard.hub;

import java.util.List;
import java.util.Locale;

/**
 * Who administers a hub: usernames or emails, GitHub {@code org:team}s, or a CILogon
 * identity provider with the email domains it may vouch for.
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
		if (who.namesAndEmails().stream().anyMatch(users::contains)) {
			return true;
		}
		if (who.githubTeams().stream().anyMatch(githubTeams::contains)) {
			return true;
		}
		return cilogonIdp != null && who.cilogonIdp().filter(cilogonIdp::equals).isPresent()
				&& who.emailDomain().filter(cilogonDomains::contains).isPresent();
	}

	private static List<String> lower(List<String> values) {
		return values == null ? List.of()
				: values.stream()
					.filter(v -> v != null && !v.isBlank())
					.map(v -> v.trim().toLowerCase(Locale.ROOT))
					.toList();
	}

}
