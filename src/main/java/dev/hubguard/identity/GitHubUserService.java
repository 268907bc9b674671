package dev.hubguard.identity;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;

/**
 * Loads a GitHub user and, with the {@code read:org} grant, the {@code org:team}s they
 * belong to ({@code GET /user/teams}, followed through its pages). The teams are added as
 * the attribute {@value #TEAMS}.
 */
class GitHubUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	static final String TEAMS = "hubguard_github_teams";

	private static final int MAX_PAGES = 10;

	private final DefaultOAuth2UserService users = new DefaultOAuth2UserService();

	private final IdentityProperties.Github github;

	private final RestClient rest;

	GitHubUserService(IdentityProperties.Github github, RestClient.Builder rest) {
		this.github = github;
		this.rest = rest.baseUrl(github.apiUrl().toString()).build();
	}

	@Override
	public OAuth2User loadUser(OAuth2UserRequest request) {
		OAuth2User user = users.loadUser(request);
		Set<String> teams = github.teamsClaim() != null ? teamsFromClaim(user.getAttribute(github.teamsClaim()))
				: teamsFromApi(request.getAccessToken().getTokenValue());
		Map<String, Object> attributes = new HashMap<>(user.getAttributes());
		attributes.put(TEAMS, List.copyOf(teams));
		return new DefaultOAuth2User(user.getAuthorities(), attributes, "login");
	}

	private Set<String> teamsFromApi(String accessToken) {
		Set<String> teams = new LinkedHashSet<>();
		for (int page = 1; page <= MAX_PAGES; page++) {
			List<Map<String, Object>> batch = rest.get()
				.uri("/user/teams?per_page=100&page={page}", page)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
				.header(HttpHeaders.ACCEPT, "application/vnd.github+json")
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			if (batch == null || batch.isEmpty()) {
				break;
			}
			for (Map<String, Object> team : batch) {
				Object slug = team.get("slug");
				Object org = team.get("organization") instanceof Map<?, ?> o ? o.get("login") : null;
				if (slug != null && org != null) {
					teams.add(org + ":" + slug);
				}
			}
			if (batch.size() < 100) {
				break;
			}
		}
		return teams;
	}

	private static Set<String> teamsFromClaim(Object claim) {
		Set<String> teams = new LinkedHashSet<>();
		if (claim instanceof Iterable<?> values) {
			values.forEach(v -> teams.add(String.valueOf(v)));
		}
		else if (claim instanceof String value && !value.isBlank()) {
			for (String team : value.split(",")) {
				teams.add(team.trim());
			}
		}
		return teams;
	}

}
