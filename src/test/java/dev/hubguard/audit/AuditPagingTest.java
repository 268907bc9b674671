package dev.hubguard.audit;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log pages by keyset cursor, newest first: the API with a Link header, the
 * page with an "Older" link keeping its filters; every row shows exactly once, a bad
 * cursor or page size is a 400, and a hub admin never reaches another hub's rows.
 */
@PortalTest
class AuditPagingTest {

	static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"");

	static final Pattern SUMMARY = Pattern.compile("<td>(paging row \\d+)</td>");

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	Api staff;

	String actor;

	@BeforeEach
	void people() {
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		actor = "test:paging-" + System.nanoTime();
	}

	/**
	 * {@code count} rows by this test's actor on {@code hub}, two at a time at the same
	 * instant so the id decides their order.
	 */
	void record(String hub, int count) {
		jdbc.sql(
				"""
						insert into audit_log (at, actor, hub, action, summary)
						select cast(:base as timestamptz) - (g / 2) * interval '1 second', :actor, :hub, 'paging.test', 'paging row ' || g
						from generate_series(1, :n) g""")
			.param("base", Timestamp.from(Instant.parse("2002-03-04T05:06:07.123456Z")))
			.param("actor", actor)
			.param("hub", hub)
			.param("n", count)
			.update();
	}

	List<String> expected(String hub) {
		return jdbc.sql("select summary from audit_log where actor = :actor and hub = :hub order by at desc, id desc")
			.param("actor", actor)
			.param("hub", hub)
			.query(String.class)
			.list();
	}

	List<String> walkApi(Api who, String first) {
		List<String> seen = new ArrayList<>();
		String next = first;
		int pages = 0;
		while (next != null) {
			Api.Response page = who.get(next);
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			page.json().forEach(row -> seen.add(row.get("summary").asString()));
			String link = page.header("Link");
			next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
			assertThat(++pages).as("the pages end").isLessThan(20);
		}
		return seen;
	}

	@Test
	void theApiWalksEveryRowOnceNewestFirstFollowingTheLinkHeader() {
		record("2i2c/mtu", 23);

		List<String> seen = walkApi(staff, "/api/v1/audit?actor=" + actor + "&limit=5");

		assertThat(seen).hasSize(23).containsExactlyElementsOf(expected("2i2c/mtu"));
		assertThat(seen.subList(0, 3)).containsExactly("paging row 1", "paging row 3", "paging row 2");
	}

	@Test
	void thePageWalksEveryRowOnceKeepingItsFiltersInTheOlderLink() {
		record("2i2c/mtu", 9);
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");

		List<String> seen = new ArrayList<>();
		List<String> pages = new ArrayList<>();
		String next = "/audit?actor=" + SignInClient.encode(actor) + "&action=paging.test&limit=4";
		while (next != null) {
			String page = sam.get(next).body();
			pages.add(page);
			Matcher rows = SUMMARY.matcher(page);
			while (rows.find()) {
				seen.add(rows.group(1));
			}
			Matcher link = NEXT.matcher(page);
			next = link.find() ? link.group(1).replace("&amp;", "&") : null;
			assertThat(pages).as("the pages end").hasSizeLessThan(5);
			assertThat(next == null || next.contains("action=paging.test")).as("the filter is kept").isTrue();
		}

		assertThat(pages).hasSize(3);
		assertThat(seen).containsExactlyElementsOf(expected("2i2c/mtu"));
		assertThat(pages.get(2)).contains("id=\"first-page\"");
	}

	@Test
	void aHubAdminWalksOnlyTheirHubsRowsAndAnUnknownPersonNone() {
		record("2i2c/mtu", 4);
		record("hhmi/spyglass", 7);
		Api bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		Api nobody = Api.as(port, accounts, tokens, Api.github("audit-nobody-" + System.nanoTime()));
		String staffNext = staff.get("/api/v1/audit?actor=" + actor + "&limit=2").header("Link");
		String followed = staffNext.substring(staffNext.indexOf('<') + 1, staffNext.indexOf('>'));

		assertThat(walkApi(bo, "/api/v1/audit?actor=" + actor + "&limit=3"))
			.containsExactlyElementsOf(expected("hhmi/spyglass"));
		assertThat(bo.get("/api/v1/audit?hub=2i2c/mtu&actor=" + actor).body()).isEqualTo("[]");
		assertThat(bo.get(followed).body()).doesNotContain("2i2c/mtu");
		assertThat(nobody.get("/api/v1/audit?actor=" + actor).body()).isEqualTo("[]");
		assertThat(nobody.get(followed).body()).isEqualTo("[]");
	}

	@Test
	void aCursorThePortalDidNotGiveOrAPageSizeOutOfRangeIsABadRequest() {
		String otherList = Cursor.of("changes", "0", "1").encode();
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		long rows = jdbc.sql("select count(*) from audit_log").query(Long.class).single();

		for (String query : List.of("cursor=not-a-cursor!", "cursor=" + otherList, "limit=0", "limit=201",
				"limit=many")) {
			Api.Response answer = staff.get("/api/v1/audit?" + query);
			assertThat(answer.status()).as(query).isEqualTo(400);
			assertThat(answer.json().get("field").asString()).as(query).isIn("cursor", "limit");
		}
		assertThat(staff.get("/api/v1/audit?cursor=x").json().get("message").asString())
			.contains("only comes from a 'next' link");
		assertThat(sam.get("/audit?cursor=" + otherList).statusCode()).isEqualTo(400);
		assertThat(sam.get("/audit?limit=500").statusCode()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from audit_log").query(Long.class).single()).as("nothing recorded")
			.isEqualTo(rows);
	}

}
