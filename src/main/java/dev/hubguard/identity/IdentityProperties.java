package dev.hubguard.identity;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in providers and the staff rule. Client secrets are left out of {@code toString}.
 */
@Validated
@ConfigurationProperties("hubguard.identity")
public record IdentityProperties(Cilogon cilogon, Github github, Staff staff) {

	public IdentityProperties {
		cilogon = cilogon == null ? new Cilogon(null, null, null, null, null) : cilogon;
		github = github == null ? new Github(null, null, null, null, null, null, null, null, null) : github;
		staff = staff == null ? new Staff(List.of(), List.of(), null) : staff;
	}

	/** CILogon (OIDC): enabled when a client id is set. */
	public record Cilogon(String clientId, String clientSecret, URI issuer, List<String> scopes,
			List<String> trustedIdps) {

		public Cilogon {
			trustedIdps = trustedIdps == null ? List.of()
					: trustedIdps.stream().filter(i -> i != null && !i.isBlank()).map(String::strip).toList();
			scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "email", "profile", "org.cilogon.userinfo")
					: scopes;
		}

		public boolean enabled() {
			return clientId != null && !clientId.isBlank();
		}

		@Override
		public String toString() {
			return "Cilogon[clientId=" + clientId + ", issuer=" + issuer + ", scopes=" + scopes + ", trustedIdps="
					+ trustedIdps + "]";
		}

	}

	/**
	 * GitHub (OAuth2): enabled when a client id is set. The endpoint overrides exist for
	 * GitHub Enterprise and for the demo's embedded provider; {@code teamsClaim}, when
	 * set, reads teams from a user-info attribute instead of the GitHub API (demo only).
	 */
	public record Github(String clientId, String clientSecret, URI apiUrl, URI authorizationUri, URI tokenUri,
			URI userInfoUri, URI jwkSetUri, String teamsClaim, List<String> scopes) {

		public Github {
			apiUrl = apiUrl == null ? URI.create("https://api.github.com") : apiUrl;
			scopes = scopes == null || scopes.isEmpty() ? List.of("read:user", "user:email", "read:org") : scopes;
		}

		public boolean enabled() {
			return clientId != null && !clientId.isBlank();
		}

		@Override
		public String toString() {
			return "Github[clientId=" + clientId + ", apiUrl=" + apiUrl + "]";
		}

	}

	/**
	 * Provider staff: members of these GitHub {@code org:team}s, or these CILogon emails
	 * or subjects.
	 *
	 * @param roster the staff roster file ({@link StaffRoster}); without it nobody
	 * approves
	 */
	public record Staff(List<String> githubTeams, List<String> cilogonUsers, Path roster) {

		@ConstructorBinding
		public Staff {
			githubTeams = clean(githubTeams);
			cilogonUsers = clean(cilogonUsers);
			roster = roster == null || roster.toString().isBlank() ? null : roster;
		}

		public Staff(List<String> githubTeams, List<String> cilogonUsers) {
			this(githubTeams, cilogonUsers, null);
		}

		private static List<String> clean(List<String> values) {
			return values == null ? List.of()
					: values.stream()
						.filter(v -> v != null && !v.isBlank())
						.map(v -> v.trim().toLowerCase(java.util.Locale.ROOT))
						.toList();
		}

	}

}
