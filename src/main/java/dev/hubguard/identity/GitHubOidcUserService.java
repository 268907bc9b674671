package dev.hubguard.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * OIDC users. CILogon passes through unchanged. A "github" registration speaks OIDC only
 * in demo mode (the embedded provider needs the {@code openid} scope); its teams then
 * come from the configured claim.
 */
class GitHubOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService delegate = new OidcUserService();

	private final IdentityProperties.Github github;

	GitHubOidcUserService(IdentityProperties.Github github) {
		this.github = github;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = delegate.loadUser(request);
		if (!"github".equals(request.getClientRegistration().getRegistrationId()) || github.teamsClaim() == null) {
			return user;
		}
		Map<String, Object> claims = new HashMap<>(
				user.getUserInfo() == null ? Map.of() : user.getUserInfo().getClaims());
		claims.putAll(user.getIdToken().getClaims());
		Object teams = claims.get(github.teamsClaim());
		claims.put(GitHubUserService.TEAMS, teams instanceof List<?> list ? List.copyOf(list) : List.of());
		return new DefaultOidcUser(user.getAuthorities(), user.getIdToken(), new OidcUserInfo(claims), "sub");
	}

}
