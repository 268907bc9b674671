package dev.hubguard.identity;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Turns what a provider returned at sign-in into an {@link Identity}, keeping no tokens.
 */
final class SignInIdentity {

	private SignInIdentity() {
	}

	static Identity from(OAuth2AuthenticationToken token) {
		return switch (token.getAuthorizedClientRegistrationId()) {
			case "cilogon" -> cilogon(token.getPrincipal());
			case "github" -> github(token.getPrincipal());
			default -> throw new IllegalArgumentException(
					"unknown sign-in provider " + token.getAuthorizedClientRegistrationId());
		};
	}

	private static Identity cilogon(OAuth2User user) {
		Map<String, Object> claims = user instanceof OidcUser oidc ? oidc.getClaims() : user.getAttributes();
		String subject = string(claims, "sub");
		String email = string(claims, "email");
		String username = email != null ? email : string(claims, "eppn") != null ? string(claims, "eppn") : subject;
		String name = string(claims, "name");
		if (name == null && string(claims, "given_name") != null) {
			name = (string(claims, "given_name") + " "
					+ java.util.Objects.requireNonNullElse(string(claims, "family_name"), ""))
				.strip();
		}
		return new Identity(Identity.Provider.CILOGON, subject, username, email, name, string(claims, "idp"), Set.of());
	}

	private static Identity github(OAuth2User user) {
		Map<String, Object> attributes = user.getAttributes();
		String login = string(attributes, "login");
		Object id = attributes.get("id");
		String subject = id != null ? String.valueOf(id) : login;
		Set<String> teams = new HashSet<>();
		if (attributes.get(GitHubUserService.TEAMS) instanceof Iterable<?> values) {
			values.forEach(v -> teams.add(String.valueOf(v)));
		}
		return new Identity(Identity.Provider.GITHUB, subject, login, string(attributes, "email"),
				string(attributes, "name"), null, teams);
	}

	private static String string(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
	}

}
