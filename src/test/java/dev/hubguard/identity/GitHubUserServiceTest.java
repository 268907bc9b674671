package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.DefaultMockServer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;

/**
 * GitHub cannot run here, so an HTTP server answers as GitHub's REST API documents
 * {@code GET /user} and {@code GET /user/teams} (paged by 100); the client under test is
 * the real one.
 */
class GitHubUserServiceTest {

	DefaultMockServer github;

	@BeforeEach
	void start() {
		github = new DefaultMockServer(false);
		github.start();
	}

	@AfterEach
	void stop() {
		github.shutdown();
	}

	static String teams(String org, int from, int count) {
		StringJoiner page = new StringJoiner(",", "[", "]");
		for (int i = from; i < from + count; i++) {
			page.add("{\"slug\":\"team-" + i + "\",\"name\":\"Team " + i + "\",\"organization\":{\"login\":\"" + org
					+ "\"}}");
		}
		return page.toString();
	}

	@Test
	void teamsAreReadAcrossPagesAsOrgColonSlug() throws Exception {
		github.expect()
			.get()
			.withPath("/user")
			.andReturn(200, "{\"login\":\"octo-admin\",\"id\":583231,\"name\":\"Octo Admin\",\"email\":null}")
			.withHeader("Content-Type", "application/json")
			.always();
		github.expect()
			.get()
			.withPath("/user/teams?per_page=100&page=1")
			.andReturn(200, teams("2i2c-org", 0, 100))
			.withHeader("Content-Type", "application/json")
			.always();
		github.expect()
			.get()
			.withPath("/user/teams?per_page=100&page=2")
			.andReturn(200, teams("mtu-research", 100, 1))
			.withHeader("Content-Type", "application/json")
			.always();
		URI api = URI.create(github.url("/").replaceAll("/$", ""));
		IdentityProperties.Github settings = new IdentityProperties.Github("id", "secret", api, null, null, null, null,
				null, null);
		ClientRegistration registration = CommonOAuth2Provider.GITHUB.getBuilder("github")
			.clientId("id")
			.clientSecret("secret")
			.userInfoUri(api + "/user")
			.build();

		OAuth2User user = new GitHubUserService(settings, RestClient.builder())
			.loadUser(new OAuth2UserRequest(registration, new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
					"gho_test", Instant.now(), Instant.now().plusSeconds(3600))));
		Identity identity = SignInIdentity
			.from(new org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken(user,
					List.of(), "github"));

		assertThat(identity.username()).isEqualTo("octo-admin");
		assertThat(identity.subject()).isEqualTo("583231");
		assertThat(identity.githubTeams()).hasSize(101).contains("2i2c-org:team-0", "mtu-research:team-100");
		assertThat(github.getLastRequest().getHeader("Authorization")).isEqualTo("Bearer gho_test");
	}

}
