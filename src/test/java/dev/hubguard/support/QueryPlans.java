package dev.hubguard.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code EXPLAIN (ANALYZE, FORMAT JSON)} on a query with its parameters and checks
 * that a big table is read through an index: no sequential scan of it, and no sort of
 * more rows than a page needs.
 */
public final class QueryPlans {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private QueryPlans() {
	}

	public static JsonNode explain(JdbcClient jdbc, String sql, Map<String, Object> params) {
		String plan = jdbc.sql("explain (analyze, format json) " + sql).params(params).query(String.class).single();
		return JSON.readTree(plan).get(0).get("Plan");
	}

	/**
	 * The plan reads {@code table} through one of its indexes, never scans it
	 * sequentially, and sorts at most {@code maxSorted} rows in any one sort.
	 */
	public static void assertIndexed(JdbcClient jdbc, String sql, Map<String, Object> params, String table,
			long maxSorted) {
		JsonNode plan = explain(jdbc, sql, params);
		List<JsonNode> nodes = new ArrayList<>();
		collect(plan, nodes);
		String shown = plan.toString();
		assertThat(nodes).as("no sequential scan of %s in %s", table, shown)
			.noneMatch(node -> node.path("Node Type").asString().equals("Seq Scan")
					&& table.equals(node.path("Relation Name").asString()));
		assertThat(nodes).as("an index of %s is used in %s", table, shown)
			.anyMatch(node -> node.path("Node Type").asString().contains("Index")
					&& node.path("Index Name").asString().startsWith(table));
		for (JsonNode node : nodes) {
			if (node.path("Node Type").asString().equals("Sort")) {
				JsonNode input = node.get("Plans").get(0);
				long sorted = input.path("Actual Rows").asLong() * input.path("Actual Loops").asLong(1);
				assertThat(sorted).as("rows sorted in %s", shown).isLessThanOrEqualTo(maxSorted);
			}
		}
	}

	private static void collect(JsonNode node, List<JsonNode> into) {
		into.add(node);
		for (JsonNode child : node.path("Plans")) {
			collect(child, into);
		}
	}

}
