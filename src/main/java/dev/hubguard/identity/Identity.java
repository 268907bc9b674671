package dev.hubguard.identity;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * Who someone is, as their identity provider vouched at sign-in. Holds no tokens: this is
 * what the session stores.
 *
 * @param username the GitHub login, or for CILogon the email (else the subject)
 * @param idp for CILogon the upstream identity provider it used
 */
public record Identity(Provider provider, String subject, String username, String email, String displayName, String idp,
		Set<String> githubTeams) implements Serializable {

	public enum Provider {

		CILOGON, GITHUB;

		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	public Identity {
		email = email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
		githubTeams = githubTeams == null ? Set.of()
				: Set.copyOf(githubTeams.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
		displayName = displayName == null || displayName.isBlank() ? username : displayName;
	}

	/**
	 * How this person appears in the audit log and on pages: {@code github:alice} or
	 * {@code cilogon:a@b.org}.
	 */
	public String handle() {
		return provider.id() + ":" + username;
	}

}
