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
 * The abuse lists' queries at volume (600 reports on two hubs, 120,000 alerts, removed
 * afterwards): PostgreSQL follows the indexes and sorts nothing whole, so a page costs
 * the same with a million alerts.
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbuseQueryPlanTest {

	@Autowired
	JdbcClient jdbc;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aPageOfAllReportsFollowsThePagingIndexWithoutSorting() {
		ReportLists.Query first = ReportLists.query(null, new ReportLists.Filter(null, null, null, null), null, 50,
				Instant.now());
		JsonNode plan = plan(first);
		assertThat(indexes(plan)).contains("abuse_reports_paging");
		assertThat(nodes(plan)).doesNotContain("Sort", "Seq Scan");
		ReportLists.Query later = ReportLists.query(null, new ReportLists.Filter(null, null, null, null),
				new ReportCursor(false, ReportCursor.micros(Instant.now().minusSeconds(3600)), 1_000_000), 50,
				Instant.now());
		assertThat(indexes(plan(later))).contains("abuse_reports_paging");
		assertThat(nodes(plan(later))).doesNotContain("Sort", "Seq Scan");
	}

	@Test
	void aHubsPageFollowsTheHubPagingIndexWithoutSorting() {
		JsonNode plan = plan(ReportLists.query(null, new ReportLists.Filter(null, null, "plan/hub-1", null), null, 50,
				Instant.now()));
		assertThat(indexes(plan)).contains("abuse_reports_hub_paging");
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
		JsonNode plan = plan(
				ReportLists.query(null, new ReportLists.Filter(null, "cryptnono", null, 7), null, 50, Instant.now()));
		assertThat(nodes(plan)).doesNotContain("Seq Scan");
		assertThat(indexes(plan)).contains("abuse_alerts_report_summary");
	}

	/**
	 * Reports on two hubs and their alerts, committed and vacuumed as autovacuum would
	 * leave them (index-only scans need the visibility map); removed after the class.
	 */
	@BeforeAll
	void volume() {
		jdbc.sql("""
				insert into abuse_reports (ref, hub, subject, username, state, opened_at, updated_at, number)
				select 'plan' || g, 'plan/hub-' || (g % 2), 'user:plan-' || g, 'plan-' || g,
				    case when g % 10 = 0 then 'OPEN' else 'RESOLVED' end, now() - g * interval '1 hour', now(), g
				from generate_series(1, 600) g""").update();
		jdbc.sql("""
				insert into abuse_alerts (source, fingerprint, starts_at, status, alertname, severity, hub,
				    labels, report_id, received_at)
				select case when g % 7 = 0 then 'cryptnono' else 'alertmanager' end, 'plan-' || g,
				    now() - g * interval '1 second', 'firing', 'Alert' || (g % 3), 'warning', r.hub, '{}', r.id, now()
				from generate_series(1, 120000) g
				join abuse_reports r on r.ref = 'plan' || (1 + g % 600)""").update();
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
