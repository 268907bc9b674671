package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The abuse lists' queries at volume (6,000 reports on two hubs, a million alerts,
 * removed afterwards): every order of the lists follows its index and sorts nothing
 * whole, so a page costs the same however many alerts there are.
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbuseQueryPlanTest {

	@Autowired
	JdbcClient jdbc;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final ReportLists.Filter ALL = new ReportLists.Filter(null, null, null, null);

	/** Each order of the lists, both ways, and the index it reads. */
	static final Map<ReportOrder, String> ORDERS = Map.of(ReportOrder.parse(null, null), "abuse_reports_by_open_seen",
			ReportOrder.parse(null, "asc"), "abuse_reports_by_open_seen", ReportOrder.parse("seen", null),
			"abuse_reports_by_seen", ReportOrder.parse("seen", "asc"), "abuse_reports_by_seen",
			ReportOrder.parse("severity", null), "abuse_reports_by_severity", ReportOrder.parse("severity", "asc"),
			"abuse_reports_by_severity", ReportOrder.parse("alerts", null), "abuse_reports_by_alerts",
			ReportOrder.parse("alerts", "asc"), "abuse_reports_by_alerts", ReportOrder.parse("state", null),
			"abuse_reports_by_state", ReportOrder.parse("state", "asc"), "abuse_reports_by_state");

	@Test
	void everyOrderOfAllReportsFollowsItsIndexWithoutSortingOnEveryPage() {
		ORDERS.forEach((order, index) -> {
			JsonNode first = plan(ReportLists.query(null, ALL, order, null, 50, Instant.now()));
			assertThat(indexes(first)).as(order.name()).contains(index);
			assertThat(nodes(first)).as(order.name()).doesNotContain("Sort", "Seq Scan");
			ReportCursor after = cursorAfter(order, 500);
			JsonNode later = plan(ReportLists.query(null, ALL, order, after, 50, Instant.now()));
			assertThat(indexes(later)).as(order.name() + " later").contains(index);
			assertThat(nodes(later)).as(order.name() + " later").doesNotContain("Sort", "Seq Scan");
		});
	}

	/** The cursor a reader would hold after {@code rows} rows of this order. */
	ReportCursor cursorAfter(ReportOrder order, int rows) {
		ReportLists.Query query = ReportLists.query(null, ALL, order, null, rows, Instant.now());
		List<ReportCursor> cursors = jdbc.sql(query.sql())
			.params(query.params())
			.query((rs, n) -> new ReportCursor(order.name(),
					order.sort().flag() ? (rs.getBoolean("sort_key") ? 1 : 0) : rs.getLong("sort_key"),
					ReportCursor.micros(rs.getTimestamp("last_seen_at").toInstant()), rs.getLong("id")))
			.list();
		return cursors.get(rows - 1);
	}

	@Test
	void aHubsPageFollowsTheHubPagingIndexWithoutSorting() {
		JsonNode plan = plan(ReportLists.query(null, new ReportLists.Filter(null, null, "plan/hub-1", null),
				ReportOrder.DEFAULT, null, 50, Instant.now()));
		assertThat(indexes(plan)).contains("abuse_reports_hub_by_open_seen");
		assertThat(nodes(plan)).doesNotContain("Sort", "Seq Scan");
	}

	@Test
	void aPagesAlertsAreSummedUpFromTheCoveringIndexOnly() {
		List<Long> page = jdbc.sql("select id from abuse_reports where ref like 'plan%' order by id limit 50")
			.query(Long.class)
			.list();
		JsonNode plan = plan(new ReportLists.Query(AlertSummary.SQL, Map.of("reports", page)));
		assertThat(indexes(plan)).containsOnly("abuse_alerts_report_summary");
		assertThat(nodes(plan)).contains("Index Only Scan").doesNotContain("Seq Scan", "Bitmap Heap Scan");
	}

	@Test
	void theAgeAndSourceFiltersLookUpEachReportsAlertsByIndex() {
		JsonNode plan = plan(ReportLists.query(null, new ReportLists.Filter(null, "cryptnono", null, 7),
				ReportOrder.DEFAULT, null, 50, Instant.now()));
		assertThat(nodes(plan)).doesNotContain("Seq Scan");
		assertThat(indexes(plan)).contains("abuse_alerts_report_summary");
	}

	/**
	 * 6,000 reports on two hubs and a million alerts, their sort keys summed up as intake
	 * keeps them, committed and vacuumed as autovacuum would leave them (index-only scans
	 * need the visibility map); removed after the class.
	 */
	@BeforeAll
	void volume() {
		jdbc.sql("""
				insert into abuse_reports (ref, hub, subject, username, state, opened_at, updated_at, number,
				    last_seen_at)
				select 'plan' || g, 'plan/hub-' || (g % 2), 'user:plan-' || g, 'plan-' || g,
				    case when g % 10 = 0 then 'OPEN' when g % 10 = 1 then 'INVESTIGATING' when g % 10 = 2
				    then 'FALSE_POSITIVE' else 'RESOLVED' end, now() - g * interval '1 hour', now(), g, now()
				from generate_series(1, 6000) g""").update();
		jdbc.sql("""
				insert into abuse_alerts (source, fingerprint, starts_at, status, alertname, severity, hub,
				    labels, report_id, received_at)
				select case when g % 7 = 0 then 'cryptnono' else 'alertmanager' end, 'plan-' || g,
				    now() - g * interval '1 second', 'firing', 'Alert' || (g % 3),
				    case when g % 11 = 0 then 'critical' else 'warning' end, r.hub, '{}', r.id, now()
				from generate_series(1, 1000000) g
				join abuse_reports r on r.ref = 'plan' || (1 + (g::bigint * 7919) % 6000)""").update();
		jdbc.sql("""
				update abuse_reports r set last_seen_at = a.seen, alert_count = a.n, severity_weight = a.weight
				from (select report_id, max(starts_at) as seen, count(*) as n, max(%s) as weight
				      from abuse_alerts where fingerprint like 'plan-%%' group by report_id) a
				where a.report_id = r.id""".formatted(ReportSort.SEVERITY_WEIGHT)).update();
		jdbc.sql("vacuum analyze abuse_reports").update();
		jdbc.sql("vacuum analyze abuse_alerts").update();
	}

	@AfterAll
	void removeVolume() {
		jdbc.sql("delete from abuse_alerts where fingerprint like 'plan-%'").update();
		jdbc.sql("delete from abuse_reports where ref like 'plan%'").update();
		jdbc.sql("analyze abuse_alerts").update();
	}

	private JsonNode plan(ReportLists.Query query) {
		String json = jdbc.sql("explain (format json) " + query.sql())
			.params(query.params())
			.query(String.class)
			.single();
		return JSON.readTree(json).get(0).get("Plan");
	}

	private static List<String> nodes(JsonNode plan) {
		List<String> nodes = new ArrayList<>();
		walk(plan, node -> nodes.add(node.get("Node Type").asString()));
		return nodes;
	}

	private static List<String> indexes(JsonNode plan) {
		List<String> indexes = new ArrayList<>();
		walk(plan, node -> {
			if (node.has("Index Name")) {
				indexes.add(node.get("Index Name").asString());
			}
		});
		return indexes;
	}

	private static void walk(JsonNode node, Consumer<JsonNode> visit) {
		visit.accept(node);
		if (node.has("Plans")) {
			node.get("Plans").forEach(child -> walk(child, visit));
		}
	}

}
