package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sign-in through the real embedded OIDC provider, for each persona and both providers.
 */
@PortalTest
class SignInFlowTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void staffSignedInWithCilogonSeesEveryHub() {
		SignInClient sam = new SignInClient(port);
		HttpResponse<String> dashboard = sam.signIn("cilogon", "staff");

		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("All hubs")
			.contains("<span id=\"hub-count\">26</span>")
			.contains("data-hub=\"2i2c/mtu\"")
			.contains("data-hub=\"cloudbank/ucla\"")
			.contains("role-staff");
	}

	@Test
	void hubAdminSeesOnlyTheirHub() {
		HttpResponse<String> dashboard = new SignInClient(port).signIn("cilogon", "admin-a");

		assertThat(dashboard.body()).contains("Your hubs")
			.contains("data-hub=\"2i2c/mtu\"")
			.doesNotContain("data-hub=\"hhmi/spyglass\"")
			.doesNotContain("data-hub=\"2i2c/staging\"");
	}

	@Test
	void hubAdminSignedInWithGithubIsMatchedByTeam() {
		HttpResponse<String> dashboard = new SignInClient(port).signIn("github", "admin-b");

		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("data-hub=\"hhmi/spyglass\"").doesNotContain("data-hub=\"2i2c/mtu\"");
	}

	@Test
	void staffSignedInWithGithubIsMatchedByStaffTeam() {
		HttpResponse<String> dashboard = new SignInClient(port).signIn("github", "staff");

		assertThat(dashboard.body()).contains("<span id=\"hub-count\">26</span>");
	}

	@Test
	void aCilogonEmailClaimThatIsAGithubLoginAdministersNoHub() {
		// The outside test's sign-in: "bo-hhmi" is spyglass's admin as a GitHub login.
		SignInClient mallory = new SignInClient(port);
		HttpResponse<String> dashboard = mallory.signInWithClaims("cilogon", "mallory-1",
				"{\"email\":\"bo-hhmi\",\"idp\":\"https://idp.random.example\"}");

		assertThat(dashboard.body()).contains("id=\"no-hubs\"").doesNotContain("data-hub=");
		assertThat(mallory.get("/api/v1/me").body()).contains("\"role\":\"nobody\"");
		assertThat(mallory.get("/api/v1/hubs").body()).doesNotContain("spyglass");
		assertThat(mallory.get("/hubs/hhmi/spyglass").statusCode()).isIn(403, 404);
	}

	@Test
	void aCilogonEmailClaimEqualToAStaffSubjectIsNotThatPersonOfStaff() {
		// The roster lists Sam's CILogon subject "demo-staff"; an email claim is compared
		// with emails only.
		SignInClient mallory = new SignInClient(port);
		mallory.signInWithClaims("cilogon", "mallory-2",
				"{\"email\":\"demo-staff\",\"idp\":\"https://idp.random.example\"}");

		assertThat(mallory.get("/api/v1/me").body()).contains("\"role\":\"nobody\"");
	}

	@Test
	void signedInNobodyIsToldWhyAndSeesNoHub() {
		HttpResponse<String> dashboard = new SignInClient(port).signIn("cilogon", "nobody");

		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("id=\"no-hubs\"")
			.contains("No hub names you as an admin")
			.doesNotContain("data-hub=");
	}

	@Test
	void someoneWithNoHubIsToldWhoToContactInPlainWords() {
		HttpResponse<String> dashboard = new SignInClient(port).signIn("cilogon", "nobody");

		// The test profile configures only a ticket URL, so the contact falls back to a
		// new ticket.
		assertThat(dashboard.body()).contains("id=\"support-contact\"")
			.contains(
					"href=\"https://support.example.org/new?subject=Add+me+as+a+hub+admin&amp;body=Please+add+cilogon%3Ania%40elsewhere.example")
			.contains(">No hub yet</span>")
			.doesNotContain(">nobody</span>");
		assertThat(new SignInClient(port).signIn("cilogon", "admin-a").body()).contains(">Hub admin</span>")
			.doesNotContain("id=\"support-contact\"");
	}

	@Test
	void aPermalinkOpensAfterSignIn() {
		HttpResponse<String> page = new SignInClient(port).signInFrom("/hubs/2i2c/mtu", "admin-a");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/hubs/2i2c/mtu");
		assertThat(page.body()).contains("<h1>2i2c/mtu</h1>");
	}

	@Test
	void anonymousVisitsCreateNoSession() {
		long before = anonymousSessions();
		for (String path : java.util.List.of("/", "/hubs/2i2c/mtu", "/hubs/hhmi/spyglass/secrets", "/changes",
				"/abuse?state=open", "/audit", "/staff/isolation", "/no-such-page", "/login", "/signed-out",
				"/api/v1/hubs")) {
			for (int i = 0; i < 5; i++) {
				SignInClient anonymous = new SignInClient(port);
				HttpResponse<String> page = anonymous.get(path);
				if (page.statusCode() == 302) {
					anonymous
						.get(java.net.URI.create(page.headers().firstValue("Location").orElseThrow()).getRawPath());
				}
			}
		}

		assertThat(anonymousSessions()).isEqualTo(before);
	}

	@Test
	void aPermalinkOpensAfterSignInWhenTheSignInStartsFromHubguardsPage() {
		SignInClient ada = new SignInClient(port);
		HttpResponse<String> first = ada.get("/hubs/2i2c/mtu/internet-access");
		assertThat(first.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

		HttpResponse<String> page = ada.signInFrom("/login", "admin-a");

		assertThat(page.uri().getPath()).isEqualTo("/hubs/2i2c/mtu/internet-access");
	}

	private long anonymousSessions() {
		return jdbc.sql("select count(*) from spring_session where principal_name is null").query(Long.class).single();
	}

	@Test
	void signOutEndsTheSession() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");

		HttpResponse<String> out = ada.postForm("/", "/logout", "");

		assertThat(out.statusCode()).isEqualTo(302);
		assertThat(out.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/signed-out"));
		HttpResponse<String> after = ada.get("/");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
	}

	@Test
	void aPageViewWritesTheSessionOnlyWhenItsStoredAccessTimeIsAMinuteOld() {
		SignInClient bo = new SignInClient(port);
		bo.signIn("cilogon", "admin-b");
		String session = jdbc.sql("""
				select primary_id from spring_session where principal_name = 'cilogon:bo@hhmi.example'
				order by creation_time desc limit 1""").query(String.class).single();
		long stored = lastAccess(session);

		assertThat(bo.get("/").statusCode()).isEqualTo(200);
		assertThat(lastAccess(session)).as("a view within the minute writes nothing").isEqualTo(stored);

		long minutesAgo = System.currentTimeMillis() - 120_000;
		jdbc.sql("update spring_session set last_access_time = :at where primary_id = :id")
			.param("at", minutesAgo)
			.param("id", session)
			.update();
		assertThat(bo.get("/").statusCode()).isEqualTo(200);
		assertThat(lastAccess(session)).as("a view after a minute moves the access time and expiry")
			.isGreaterThan(minutesAgo + 60_000);
		assertThat(jdbc.sql("select expiry_time - last_access_time from spring_session where primary_id = :id")
			.param("id", session)
			.query(Long.class)
			.single()).isEqualTo(8 * 3600 * 1000L);
	}

	private long lastAccess(String session) {
		return jdbc.sql("select last_access_time from spring_session where primary_id = :id")
			.param("id", session)
			.query(Long.class)
			.single();
	}

	@Test
	void sessionsAreKeptInPostgresWithoutProviderTokens() {
		new SignInClient(port).signIn("cilogon", "admin-b");

		int sessions = jdbc.sql("select count(*) from spring_session where principal_name = 'cilogon:bo@hhmi.example'")
			.query(Integer.class)
			.single();
		assertThat(sessions).isPositive();
		// The session keeps the identity only: no access, refresh or ID token from the
		// provider.
		java.util.List<byte[]> attributes = jdbc.sql("""
				select a.attribute_bytes from spring_session_attributes a join spring_session s
				on s.primary_id = a.session_primary_id where s.principal_name = 'cilogon:bo@hhmi.example'""")
			.query(byte[].class)
			.list();
		for (byte[] attribute : attributes) {
			String text = new String(attribute, java.nio.charset.StandardCharsets.ISO_8859_1);
			assertThat(text).doesNotContain("OAuth2AccessToken").doesNotContain("OidcIdToken").doesNotContain("eyJ");
		}
	}

	@Test
	void everySignInIsAudited() {
		new SignInClient(port).signIn("github", "nobody");

		int rows = jdbc
			.sql("select count(*) from audit_log where actor = 'github:nia-nobody' and action = 'identity.signed-in'")
			.query(Integer.class)
			.single();
		assertThat(rows).isPositive();
	}

}
