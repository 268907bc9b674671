package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personal API tokens: made from a browser session, shown once, stored hashed, carrying
 * the owner's roles.
 */
@PortalTest
class ApiTokenFlowTest {

	private static final Pattern VALUE = Pattern.compile("\"value\":\"(hg_[A-Za-z0-9_-]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTokenMadeInTheBrowserSessionSeesWhatItsOwnerSees() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");

		HttpResponse<String> created = ada.postJson("/api/v1/tokens", "{\"name\":\"ci script\",\"days\":7}",
				ada.csrfToken("/tokens"));

		assertThat(created.statusCode()).isEqualTo(201);
		String token = value(created.body());
		HttpResponse<String> hubs = bearer(token, "/api/v1/hubs");
		assertThat(hubs.statusCode()).isEqualTo(200);
		assertThat(hubs.body()).contains("\"ref\":\"2i2c/mtu\"").doesNotContain("hhmi/spyglass");
	}

	@Test
	void onlyTheHashOfATokenIsStored() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		String token = newToken(ada, "hash check");

		int plain = jdbc.sql(
				"select count(*) from api_tokens where encode(token_hash, 'escape') like :t or prefix = :t or name = :t")
			.param("t", token)
			.query(Integer.class)
			.single();
		int hashed = jdbc.sql("select count(*) from api_tokens where token_hash = sha256(convert_to(:t, 'UTF8'))")
			.param("t", token)
			.query(Integer.class)
			.single();
		assertThat(plain).isZero();
		assertThat(hashed).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_log where summary like :t")
			.param("t", "%" + token + "%")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aTokenCannotMintAnotherToken() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		String token = newToken(ada, "first");

		HttpResponse<String> second = send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tokens"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"second\"}"))
					.build());

		assertThat(second.statusCode()).isEqualTo(403);
	}

	@Test
	void aSessionRequestWithoutCsrfTokenIsRefused() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");

		assertThat(ada.postJson("/api/v1/tokens", "{\"name\":\"no csrf\"}", null).statusCode()).isEqualTo(403);
	}

	@Test
	void aRevokedTokenIsRefusedAtOnce() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		HttpResponse<String> created = ada.postForm("/tokens", "/tokens", "name=revoke+me&days=30");
		assertThat(created.statusCode()).isEqualTo(200);
		String page = created.body();
		Matcher shown = Pattern.compile("id=\"new-token-value-posted\" value=\"(hg_[^\"]+)\"").matcher(page);
		assertThat(shown.find()).as("token shown once after creation").isTrue();
		String token = shown.group(1);
		assertThat(ada.get("/tokens").body()).as("not shown a second time").doesNotContain(token);
		assertThat(bearer(token, "/api/v1/me").statusCode()).isEqualTo(200);

		Matcher revoke = Pattern.compile("action=\"/tokens/(\\d+)/revoke\"").matcher(ada.get("/tokens").body());
		long newest = 0;
		while (revoke.find()) {
			newest = Math.max(newest, Long.parseLong(revoke.group(1)));
		}
		assertThat(ada.postForm("/tokens", "/tokens/" + newest + "/revoke", "").statusCode()).isEqualTo(302);

		assertThat(bearer(token, "/api/v1/me").statusCode()).isEqualTo(401);
	}

	@Test
	void nobodyCanRevokeSomeoneElsesToken() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		String created = ada.postJson("/api/v1/tokens", "{\"name\":\"ada's\"}", ada.csrfToken("/tokens")).body();
		String id = created.replaceAll(".*\"token\":\\{\"id\":(\\d+).*", "$1");
		SignInClient bo = new SignInClient(port);
		bo.signIn("cilogon", "admin-b");

		assertThat(bo.postForm("/tokens", "/tokens/" + id + "/revoke", "").statusCode()).isEqualTo(404);
		assertThat(bearer(value(created), "/api/v1/me").statusCode()).isEqualTo(200);
	}

	@Test
	void badTokenRequestsGetAClearErrorAndCreateNothing() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		int before = jdbc.sql("select count(*) from api_tokens").query(Integer.class).single();

		HttpResponse<String> noName = ada.postJson("/api/v1/tokens", "{\"name\":\"  \"}", ada.csrfToken("/tokens"));
		HttpResponse<String> tooLong = ada.postJson("/api/v1/tokens", "{\"name\":\"x\",\"days\":4000}",
				ada.csrfToken("/tokens"));
		HttpResponse<String> garbage = ada.postJson("/api/v1/tokens", "{not json", ada.csrfToken("/tokens"));

		assertThat(noName.statusCode()).isEqualTo(400);
		assertThat(noName.body()).contains("\"field\":\"name\"");
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(tooLong.body()).contains("\"field\":\"days\"");
		assertThat(garbage.statusCode()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from api_tokens").query(Integer.class).single()).isEqualTo(before);
	}

	@Test
	void aLifetimeThatIsNotAWholeNumberOfDaysIsRefused() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		int before = jdbc.sql("select count(*) from api_tokens").query(Integer.class).single();

		HttpResponse<String> fraction = ada.postJson("/api/v1/tokens", "{\"name\":\"x\",\"days\":1.5}",
				ada.csrfToken("/tokens"));
		HttpResponse<String> fractionText = ada.postJson("/api/v1/tokens", "{\"name\":\"x\",\"days\":\"1.5\"}",
				ada.csrfToken("/tokens"));

		assertThat(fraction.statusCode()).isEqualTo(400);
		assertThat(fraction.body()).contains("\"field\":\"days\"").contains("whole number");
		assertThat(fractionText.statusCode()).isEqualTo(400);
		assertThat(fractionText.body()).contains("\"field\":\"days\"");
		assertThat(jdbc.sql("select count(*) from api_tokens").query(Integer.class).single()).isEqualTo(before);
	}

	@Test
	void missingMalformedOrUnknownTokensGet401() {
		assertThat(bearer(null, "/api/v1/hubs").statusCode()).isEqualTo(401);
		assertThat(bearer("hg_not-a-real-token", "/api/v1/hubs").statusCode()).isEqualTo(401);
		HttpResponse<String> basic = send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/hubs"))
					.header("Authorization", "Basic YWRtaW46YWRtaW4=")
					.build());
		assertThat(basic.statusCode()).isEqualTo(401);
		assertThat(basic.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void aTokenStopsWorkingWhenItsOwnerHasNotSignedInForThirtyDays() {
		SignInClient bo = new SignInClient(port);
		bo.signIn("github", "admin-b");
		String token = newToken(bo, "old roles");
		assertThat(bearer(token, "/api/v1/me").statusCode()).isEqualTo(200);

		jdbc.sql(
				"update accounts set last_seen = now() - interval '31 days' where provider = 'github' and username = 'bo-hhmi'")
			.update();

		assertThat(bearer(token, "/api/v1/me").statusCode()).isEqualTo(401);
		bo.signIn("github", "admin-b");
		assertThat(bearer(token, "/api/v1/me").statusCode()).as("works again after signing in").isEqualTo(200);
	}

	@Test
	void aTokenPastItsExpiryIsRefused() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		String token = newToken(ada, "expiring");
		assertThat(bearer(token, "/api/v1/me").statusCode()).isEqualTo(200);

		jdbc.sql("update api_tokens set expires_at = now() - interval '1 second' where prefix = :p")
			.param("p", token.substring(0, 8))
			.update();

		assertThat(bearer(token, "/api/v1/me").statusCode()).isEqualTo(401);
	}

	@Test
	void aTokensLastUseIsRecordedAtMostOnceAMinute() {
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");
		String token = newToken(ada, "last used");
		assertThat(lastUsed(token)).as("never used yet").isNull();

		assertThat(bearer(token, "/api/v1/me").statusCode()).isEqualTo(200);
		OffsetDateTime first = lastUsed(token);
		assertThat(first).isNotNull();
		assertThat(bearer(token, "/api/v1/me").statusCode()).isEqualTo(200);
		assertThat(lastUsed(token)).as("a second use within the minute").isEqualTo(first);

		jdbc.sql("update api_tokens set last_used_at = last_used_at - interval '61 seconds' where prefix = :p")
			.param("p", token.substring(0, 8))
			.update();
		assertThat(bearer(token, "/api/v1/me").statusCode()).isEqualTo(200);
		assertThat(lastUsed(token)).as("a use a minute later").isAfter(first.minusSeconds(61));
		assertThat(ada.get("/tokens").body()).doesNotContain(token);
	}

	private OffsetDateTime lastUsed(String token) {
		return jdbc.sql("select last_used_at from api_tokens where prefix = :p")
			.param("p", token.substring(0, 8))
			.query(OffsetDateTime.class)
			.list()
			.get(0);
	}

	@Test
	void metricsAreReadWithTheScrapeTokenButNeverWithAPersonalToken() {
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		String staffToken = newToken(sam, "scrape");

		HttpResponse<String> scrape = send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
					.header("Authorization", "Bearer test-metrics-token")
					.build());
		HttpResponse<String> personal = send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
					.header("Authorization", "Bearer " + staffToken)
					.build());

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("jvm_memory_used_bytes");
		assertThat(personal.statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> bearer(String token, String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.build());
	}

	/** A token the signed-in person makes on their tokens page, with default lifetime. */
	private static String newToken(SignInClient who, String name) {
		return value(who.postJson("/api/v1/tokens", "{\"name\":\"" + name + "\"}", who.csrfToken("/tokens")).body());
	}

	private static String value(String json) {
		Matcher matcher = VALUE.matcher(json);
		assertThat(matcher.find()).as("token value in " + json).isTrue();
		return matcher.group(1);
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
