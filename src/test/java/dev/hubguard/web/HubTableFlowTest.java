package dev.hubguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.isolation.IsolationHistory;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The all-hubs table as staff and hub admins use it: search, sort by each column, keyset
 * pages, and refusals of a cursor the table did not give out.
 */
@PortalTest
class HubTableFlowTest {

	private static final Pattern ROW = Pattern.compile("<tr data-hub=\"([^\"]+)\"");

	private static final Pattern NEXT = Pattern.compile("id=\"hubs-next\" rel=\"next\"\\s+href=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IsolationHistory history;

	SignInClient staff;

	@BeforeEach
	void signIn() {
		staff = new SignInClient(port);
		staff.signIn("github", "staff");
	}

	static List<String> rows(String html) {
		List<String> rows = new ArrayList<>();
		Matcher matcher = ROW.matcher(html);
		while (matcher.find()) {
			rows.add(matcher.group(1));
		}
		return rows;
	}

	static String next(String html) {
		Matcher matcher = NEXT.matcher(html);
		return matcher.find() ? matcher.group(1).replace("&amp;", "&") : null;
	}

	List<String> page(String path) {
		HttpResponse<String> page = staff.get(path);
		assertThat(page.statusCode()).as(path).isEqualTo(200);
		return rows(page.body());
	}

	@Test
	void staffSeeEveryHubAsATableRowNotACard() {
		String html = staff.get("/").body();

		assertThat(html).contains("id=\"hub-table\"").doesNotContain("class=\"card hub-card\"");
		assertThat(rows(html)).hasSize(26).contains("2i2c/mtu", "cloudbank/ucla", "nasa-cryo/prod");
		assertThat(rows(html)).as("sorted by name, then cluster").startsWith("cloudbank/avc", "cloudbank/bcc");
	}

	@Test
	void searchFindsHubsByNameOrCluster() {
		assertThat(page("/?q=spyglass")).containsExactly("hhmi/spyglass");
		assertThat(page("/?q=STAGING")).containsExactly("2i2c/staging", "nasa-cryo/staging");
		assertThat(page("/?q=cloudbank")).hasSize(20).allSatisfy(ref -> assertThat(ref).startsWith("cloudbank/"));
		String none = staff.get("/?q=no-such-hub").body();
		assertThat(rows(none)).isEmpty();
		assertThat(none).contains("id=\"no-matching-hubs\"");
	}

	@Test
	void eachColumnSortsBothWays() {
		List<String> byName = page("/?sort=name&limit=200");
		assertThat(page("/?sort=name&dir=desc&limit=200")).containsExactlyElementsOf(byName.reversed());
		assertThat(page("/?sort=cluster&dir=desc").get(0)).isEqualTo("nasa-cryo/staging");
		assertThat(page("/?sort=cluster").subList(0, 2)).containsExactly("2i2c/mtu", "2i2c/staging");

		Map<String, Long> open = new HashMap<>();
		jdbc.sql("select hub, count(*) from abuse_reports where state in ('OPEN', 'INVESTIGATING') group by hub")
			.query((rs, n) -> open.put(rs.getString(1), rs.getLong(2)))
			.list();
		assertThat(open).as("the demo's alerts open reports").isNotEmpty();
		List<String> mostReportsFirst = byName.stream()
			.sorted(Comparator.comparing((String ref) -> open.getOrDefault(ref, 0L))
				.thenComparing(Comparator.naturalOrder())
				.reversed())
			.toList();
		assertThat(page("/?sort=reports&dir=desc&limit=200")).containsExactlyElementsOf(mostReportsFirst);

		history.snapshotAll();
		Map<String, Integer> scores = new HashMap<>();
		jdbc.sql("select distinct on (hub) hub, score from isolation_snapshots order by hub, taken_at desc")
			.query((rs, n) -> scores.put(rs.getString(1), rs.getObject(2, Integer.class)))
			.list();
		List<String> byScore = page("/?sort=score&limit=200");
		List<Integer> shown = byScore.stream().map(scores::get).filter(java.util.Objects::nonNull).toList();
		assertThat(shown).as("scores of the latest snapshots").isNotEmpty().isSorted();
		assertThat(staff.get("/?sort=score").body()).contains(scores.get(byScore.get(0)) + " %");
		assertThat(page("/?sort=sync&dir=desc")).hasSize(26);
		assertThat(page("/?sort=access")).hasSize(26);
	}

	@Test
	void pagesFollowOnWithoutRepeatingARow() {
		List<String> all = page("/?sort=cluster&limit=200");
		String first = staff.get("/?sort=cluster&limit=10").body();
		List<String> seen = new ArrayList<>(rows(first));
		assertThat(seen).hasSize(10);
		String link = next(first);
		int pages = 1;
		while (link != null) {
			String html = staff.get(link).body();
			List<String> rows = rows(html);
			assertThat(rows).as("page %d holds the next rows", pages + 1)
				.isNotEmpty()
				.doesNotContainAnyElementsOf(seen)
				.containsExactlyElementsOf(all.subList(seen.size(), seen.size() + rows.size()));
			seen.addAll(rows);
			link = next(html);
			pages++;
		}
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(all);
	}

	@Test
	void aCursorTheTableDidNotGiveOutIsRefused() {
		HttpResponse<String> garbage = staff.get("/?cursor=not-a-cursor");
		assertThat(garbage.statusCode()).isEqualTo(400);
		assertThat(garbage.body()).contains("start again from the first page");

		String link = next(staff.get("/?sort=name&limit=5").body());
		HttpResponse<String> otherOrder = staff.get(link.replace("sort=name", "sort=cluster"));
		assertThat(otherOrder.statusCode()).isEqualTo(400);
		assertThat(otherOrder.body()).contains("another order");

		assertThat(staff.get("/?sort=colour").statusCode()).isEqualTo(400);
		assertThat(staff.get("/?limit=0").statusCode()).isEqualTo(400);
		assertThat(staff.get("/?limit=100000").statusCode()).isEqualTo(400);
	}

	@Test
	void aHubAdminSeesOnlyTheirHubsInTheTable() {
		SignInClient ada = new SignInClient(port);
		String cards = ada.signIn("cilogon", "admin-a").body();
		assertThat(cards).as("a person with one hub gets a card")
			.contains("hub-card")
			.doesNotContain("id=\"hub-table\"");

		assertThat(rows(ada.get("/?view=table").body())).containsExactly("2i2c/mtu");
		assertThat(rows(ada.get("/?q=cloudbank").body())).isEmpty();
		assertThat(rows(ada.get("/?sort=reports&dir=desc").body())).containsExactly("2i2c/mtu");
	}

}
