package dev.hubguard.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.shared.Cursor;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The change queue pages by keyset cursor: the API newest first with a Link header, the
 * staff page grouped by hub with the longest-waiting first and a link to the next page;
 * every request shows exactly once, a bad cursor or page size is a 400, and nobody sees
 * another hub's requests by following a cursor.
 */
@PortalTest
class ChangeListPagingTest {

	static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"");

	static final Pattern ROW = Pattern.compile("data-request=\"(\\d+)\"");

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	Api staff;

	Api bo;

	String marker;

	@BeforeEach
	void people() {
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		marker = "paging test " + System.nanoTime();
	}

	/** Leaves no pending request behind for other tests' queues. */
	@AfterEach
	void closeWhatThisTestOpened() {
		jdbc.sql("update change_requests set state = 'WITHDRAWN' where summary = :m and state = 'PENDING'")
			.param("m", marker)
			.update();
	}

	/**
	 * {@code count} requests on {@code hub} in {@code state}, two at a time filed at the
	 * same instant so the id decides their order.
	 */
	void file(String hub, String state, int count) {
		jdbc.sql(
				"""
						insert into change_requests (hub, kind, state, after_state, summary, justification, base_version,
						    widens_access, requested_by, requested_at, requested_by_emails)
						select :hub, 'internet-access', :state, '{"mode":"OPEN","allowPrivate":false,"rules":[]}', :m,
						    'paging', 0, true, 'github:paging-test', cast(:base as timestamptz) - (g / 2) * interval '1 minute', '{}'
						from generate_series(1, :n) g""")
			.param("hub", hub)
			.param("state", state)
			.param("m", marker)
			.param("base", Timestamp.from(Instant.parse("2001-02-03T04:05:06.123456Z")))
			.param("n", count)
			.update();
	}

	List<Long> ids(String sql, String hub, String state) {
		return jdbc.sql(sql).param("hub", hub).param("state", state).query(Long.class).list();
	}

	static String next(Api.Response page) {
		String link = page.header("Link");
		return link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
	}

	@Test
	void theApiWalksEveryRequestOnceNewestFirstFollowingTheLinkHeader() {
		file("2i2c/mtu", "REJECTED", 23);
		List<Long> expected = ids("select id from change_requests where hub = :hub and state = :state "
				+ "order by requested_at desc, id desc", "2i2c/mtu", "REJECTED");

		List<Long> seen = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		String next = "/api/v1/change-requests?hub=2i2c/mtu&state=rejected&limit=5";
		while (next != null) {
			Api.Response page = staff.get(next);
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			page.json().forEach(r -> seen.add(r.get("id").asLong()));
			sizes.add(page.json().size());
			next = next(page);
			assertThat(sizes).as("the pages end").hasSizeLessThanOrEqualTo(expected.size() / 5 + 1);
		}

		assertThat(expected).hasSizeGreaterThanOrEqualTo(23);
		assertThat(seen).as("every request once, newest first, ties by id").containsExactlyElementsOf(expected);
		assertThat(sizes.subList(0, sizes.size() - 1)).allMatch(size -> size == 5);
	}

	@Test
	void theStaffQueueGroupsByHubLongestWaitingFirstAcrossPages() {
		file("2i2c/mtu", "PENDING", 5);
		file("hhmi/spyglass", "PENDING", 4);
		List<Long> expected = jdbc
			.sql("select id from change_requests where state = 'PENDING' order by hub, requested_at, id")
			.query(Long.class)
			.list();
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");

		List<Long> seen = new ArrayList<>();
		List<String> pages = new ArrayList<>();
		String next = "/changes?limit=4";
		while (next != null) {
			String page = sam.get(next).body();
			pages.add(page);
			Matcher rows = ROW.matcher(page);
			while (rows.find()) {
				seen.add(Long.parseLong(rows.group(1)));
			}
			Matcher link = NEXT.matcher(page);
			next = link.find() ? link.group(1).replace("&amp;", "&") : null;
			assertThat(pages).as("the pages end").hasSizeLessThanOrEqualTo(expected.size() / 4 + 1);
		}

		assertThat(seen).as("every pending request once, by hub then longest waiting")
			.containsExactlyElementsOf(expected);
		assertThat(pages.get(0)).contains("data-group=\"2i2c/mtu\"", "waiting ").doesNotContain("id=\"first-page\"");
		assertThat(pages.get(pages.size() - 1)).contains("id=\"first-page\"").doesNotContain("id=\"next-page\"");
		assertThat(pages).allSatisfy(page -> assertThat(page).contains("class=\"group-row\""));
		assertThat(pages.get(0)).as("the queue's count").contains("id=\"count-pending\">" + expected.size() + "<");
	}

	@Test
	void aCursorThePortalDidNotGiveOrAPageSizeOutOfRangeIsABadRequest() {
		file("2i2c/mtu", "PENDING", 3);
		// A well-formed cursor, but of the queue's order, not of the newest-first list.
		String queueCursor = Cursor.of("change-queue", "2i2c/mtu", "0", "1").encode();
		long before = jdbc.sql("select count(*) from change_requests").query(Long.class).single();

		for (String query : List.of("cursor=not-a-cursor!", "cursor=" + queueCursor, "limit=0", "limit=201",
				"limit=many")) {
			Api.Response answer = staff.get("/api/v1/change-requests?" + query);
			assertThat(answer.status()).as(query).isEqualTo(400);
			assertThat(answer.json().get("field").asString()).as(query).isIn("cursor", "limit");
			assertThat(answer.json().get("message").asString()).as(query).isNotBlank();
		}
		assertThat(staff.get("/api/v1/change-requests?limit=201").json().get("message").asString())
			.contains("between 1 and 200");
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		assertThat(sam.get("/changes?cursor=not-a-cursor!").statusCode()).isEqualTo(400);
		assertThat(sam.get("/changes?limit=0").statusCode()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from change_requests").query(Long.class).single()).as("nothing changed")
			.isEqualTo(before);
	}

	@Test
	void anotherHubsAdminAndAnUnknownPersonSeeNoneOfItsRequestsEvenWithACursor() {
		file("2i2c/mtu", "REJECTED", 6);
		Api.Response first = staff.get("/api/v1/change-requests?state=rejected&limit=2");
		String staffNext = next(first);
		assertThat(staffNext).isNotNull();
		Api nobody = Api.as(port, accounts, tokens, Api.github("paging-nobody-" + System.nanoTime()));

		for (Api outsider : List.of(bo, nobody)) {
			assertThat(outsider.get("/api/v1/change-requests?hub=2i2c/mtu").body()).isEqualTo("[]");
			JsonNode followed = outsider.get(staffNext).json();
			followed.forEach(r -> assertThat(r.get("hub").asString()).isNotEqualTo("2i2c/mtu"));
			assertThat(outsider.get("/api/v1/change-requests?limit=200").body()).doesNotContain(marker);
		}
		SignInClient boPage = new SignInClient(port);
		boPage.signIn("cilogon", "admin-b");
		assertThat(boPage.get("/changes?state=rejected&limit=200").body()).doesNotContain(marker);
		SignInClient nobodyPage = new SignInClient(port);
		nobodyPage.signIn("cilogon", "nobody");
		assertThat(nobodyPage.get("/changes?state=rejected").body()).doesNotContain(marker);
	}

}
