package dev.hubguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/grafana/hubguard.json queries only metrics that the running portal exposes on
 * {@code /actuator/prometheus}, and promtool accepts each of its expressions (Grafana
 * itself cannot be installed here).
 */
@PortalTest
class GrafanaDashboardTest {

	static final Path DASHBOARD = Path.of("deploy/grafana/hubguard.json");

	/** Words of PromQL that are not metric names. */
	static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
			"and", "or", "unless", "offset", "inf", "nan");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	@LocalServerPort
	int port;

	/** Each panel query, with Grafana's variables as a provider's Grafana fills them. */
	static List<String> expressions() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		List<String> expressions = new ArrayList<>();
		collect(dashboard.get("panels"), expressions);
		return expressions;
	}

	private static void collect(JsonNode panels, List<String> into) {
		for (JsonNode panel : panels) {
			if (panel.has("panels")) {
				collect(panel.get("panels"), into);
			}
			for (JsonNode target : panel.path("targets")) {
				into.add(target.get("expr").asString().replace("$__rate_interval", "5m").replace("$cluster", ".*"));
			}
		}
	}

	/**
	 * The metric names in an expression: identifiers that are not functions, keywords,
	 * label names (inside braces or after by/without) or strings.
	 */
	static Set<String> metricNames(String expression) {
		String bare = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
			.replaceAll("\\{[^}]*}", "")
			.replaceAll("\\[[^]]*]", "")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(bare);
		while (identifier.find()) {
			String word = identifier.group();
			boolean function = bare.substring(identifier.end()).stripLeading().startsWith("(");
			if (!function && !KEYWORDS.contains(word.toLowerCase())) {
				names.add(word);
			}
		}
		return names;
	}

	Set<String> exposedNames() throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			// One API call first, so the HTTP server metrics have a series.
			client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me")).build(),
					HttpResponse.BodyHandlers.discarding());
			HttpResponse<String> scrape = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
					.header("Authorization", "Bearer test-metrics-token")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(scrape.statusCode()).isEqualTo(200);
			Set<String> names = new TreeSet<>();
			for (String line : scrape.body().split("\n")) {
				Matcher name = IDENTIFIER.matcher(line);
				if (!line.startsWith("#") && name.lookingAt()) {
					names.add(name.group());
				}
			}
			return names;
		}
	}

	@Test
	void everyMetricTheDashboardQueriesIsExposedByThePortal() throws Exception {
		Set<String> exposed = exposedNames();
		List<String> expressions = expressions();

		assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
		Set<String> queried = new TreeSet<>();
		for (String expression : expressions) {
			Set<String> names = metricNames(expression);
			assertThat(names).as("metrics in %s", expression).isNotEmpty();
			queried.addAll(names);
		}
		assertThat(queried).contains("hubguard_reconcile_applies_total", "hubguard_reconcile_drift_total",
				"hubguard_alerts_received_total", "hubguard_alerts_rejected_total",
				"hubguard_cryptnono_last_read_timestamp_seconds", "hubguard_change_requests_pending");
		assertThat(exposed).as("names on /actuator/prometheus").containsAll(queried);
	}

	@Test
	void promtoolAcceptsEveryExpression(@TempDir Path dir) throws Exception {
		List<String> expressions = expressions();

		assertThat(promtool(dir.resolve("dashboard.rules.yaml"), expressions)).as("promtool on the dashboard")
			.contains("SUCCESS");
		// promtool does check: a broken expression is refused.
		assertThat(promtool(dir.resolve("broken.rules.yaml"), List.of("sum(rate(hubguard_alerts_new_total[5m])")))
			.as("promtool on a broken expression")
			.contains("FAILED");
	}

	/** Checks the expressions as recording rules; answers promtool's output. */
	static String promtool(Path file, List<String> expressions) throws Exception {
		StringBuilder rules = new StringBuilder("groups:\n  - name: hubguard-dashboard\n    rules:\n");
		for (int i = 0; i < expressions.size(); i++) {
			rules.append("      - record: hubguard:dashboard_panel:")
				.append(i)
				.append("\n        expr: '")
				.append(expressions.get(i).replace("'", "''"))
				.append("'\n");
		}
		Files.writeString(file, rules);
		Process check = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes());
		int exit = check.waitFor();
		return output + "\n(exit " + exit + ")" + (exit == 0 ? "" : " FAILED");
	}

}
