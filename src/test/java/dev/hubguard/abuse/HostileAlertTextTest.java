package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import dev.hubguard.support.TestPrometheus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever text an alert carries, in any label or annotation or a cryptnono log line,
 * every page shows it as text, escaped, to staff and to the hub's admins: it never
 * becomes markup and is never evaluated as a template expression. The API gives it back
 * as the same JSON string.
 */
@PortalTest
class HostileAlertTextTest {

	/** Aimed at attributes, elements, SVG, templates, links and line-based formats. */
	static final String HOSTILE = "\"/><svg onload=alert(1)><title>x</title><script>alert(1)</script>"
			+ "{{7*7}}[[${7*7}]][(${7*7})] javascript:alert(1)\r\nnext line";

	/** What a page holds only when hostile text became markup. */
	static final List<String> MARKUP = List.of("<svg onload", "<script>alert", "<title>x", "\"/><svg");

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Value("${hubguard.machine-tokens.alertmanager-token}")
	String webhookToken;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	CryptnonoFollower follower;

	final String run = UUID.randomUUID().toString().substring(0, 8);

	final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	SignInClient sam;

	Api staffApi;

	@BeforeAll
	static void prometheusAnswers() throws Exception {
		// The report page then draws its usage charts, titled with the pod's name.
		TestPrometheus.startWith("mtu", "jupyter-student1-40mtu-2eexample");
	}

	@BeforeEach
	void staff() {
		sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		staffApi = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
	}

	/** Hostile text, marked with where it went in. */
	String hostile(String field) {
		return field + "-" + run + HOSTILE;
	}

	/** How a page shows that text: escaped. */
	String shown(String field) {
		return HtmlUtils.htmlEscape(hostile(field));
	}

	Map<String, Object> alert(String fingerprint, Map<String, String> labels, Map<String, String> annotations) {
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("status", "firing");
		alert.put("labels", labels);
		alert.put("annotations", annotations);
		alert.put("startsAt", now.toString());
		alert.put("endsAt", "0001-01-01T00:00:00Z");
		alert.put("generatorURL", "javascript:alert(1)//" + hostile("generatorURL"));
		alert.put("fingerprint", fingerprint);
		return alert;
	}

	void postToWebhook(List<Map<String, Object>> alerts) throws Exception {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("version", "4");
		payload.put("groupKey", hostile("groupKey"));
		payload.put("status", "firing");
		payload.put("receiver", hostile("receiver"));
		payload.put("groupLabels", Map.of("alertname", hostile("groupLabels")));
		payload.put("commonLabels", Map.of("alertname", hostile("commonLabels")));
		payload.put("commonAnnotations", Map.of("summary", hostile("commonAnnotations")));
		payload.put("externalURL", "javascript:alert(1)");
		payload.put("alerts", alerts);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/alertmanager"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + webhookToken)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload)))
			.build();
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
	}

	String refOf(String fingerprint) {
		return jdbc
			.sql("select r.ref from abuse_alerts a join abuse_reports r on r.id = a.report_id"
					+ " where a.fingerprint = :fp")
			.param("fp", fingerprint)
			.query(String.class)
			.single();
	}

	static String fingerprint() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/**
	 * The page, fetched by {@code who}: no markup from alerts, and these fields shown.
	 */
	String page(SignInClient who, String path, String... fields) {
		HttpResponse<String> response = who.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		String page = response.body();
		assertThat(page).as(path).doesNotContain(MARKUP);
		for (String field : fields) {
			assertThat(page).as(path + " shows " + field + " escaped").contains(shown(field));
		}
		return page;
	}

	/**
	 * The list page at {@code path} that lists report {@code ref} (following "Older"
	 * links: other tests' reports may be newer), checked as {@link #page} checks a page.
	 */
	String listing(SignInClient who, String path, String ref, String... fields) {
		String at = path;
		for (int pages = 0; pages < 50; pages++) {
			String body = who.get(at).body();
			if (body.contains("/abuse/" + ref + "\"")) {
				return page(who, at, fields);
			}
			java.util.regex.Matcher older = java.util.regex.Pattern.compile("href=\"([^\"]+)\" id=\"older-page\"")
				.matcher(body);
			assertThat(older.find()).as(path + " lists report " + ref + " on some page").isTrue();
			at = HtmlUtils.htmlUnescape(older.group(1));
		}
		throw new AssertionError(path + " does not list report " + ref + " within 50 pages");
	}

	@Test
	void hostileTextInEveryLabelAndAnnotationIsShownEscapedOnEveryPage() throws Exception {
		Map<String, String> labels = new LinkedHashMap<>();
		for (String name : List.of("alertname", "severity", "username", "container", "instance", "job", "node", "hub",
				"user", "source")) {
			labels.put(name, hostile(name));
		}
		labels.put("cluster", "2i2c");
		labels.put("namespace", "mtu");
		labels.put("pod", "jupyter-" + hostile("pod"));
		String ofUser = fingerprint();
		String podOnly = fingerprint();
		String noHub = fingerprint();
		postToWebhook(List.of(
				alert(ofUser, labels,
						Map.of("summary", hostile("summary"), "description", hostile("description"), "runbook_url",
								"javascript:alert(1)")),
				alert(podOnly,
						Map.of("alertname", hostile("alertname2"), "cluster", "2i2c", "namespace", "mtu", "pod",
								"jupyter-" + hostile("pod2")),
						Map.of("description", hostile("description2"))),
				alert(noHub, Map.of("alertname", hostile("alertname3"), "cluster", hostile("cluster"), "namespace",
						hostile("namespace"), "severity", hostile("severity3")), Map.of())));
		String userReport = refOf(ofUser);
		String podReport = refOf(podOnly);
		String staffOnlyReport = refOf(noHub);
		SignInClient ada = new SignInClient(port);
		ada.signIn("cilogon", "admin-a");

		for (SignInClient who : List.of(sam, ada)) {
			String report = page(who, "/abuse/" + userReport, "alertname", "severity", "username", "summary", "pod");
			assertThat(report).as("the memory chart, titled with the pod")
				.contains("<title>Memory of jupyter-" + HtmlUtils.htmlEscape(hostile("pod").split("\r")[0]));
			page(who, "/abuse/" + podReport, "alertname2", "description2", "pod2");
			for (String list : List.of("/hubs/2i2c/mtu/abuse", "/abuse?hub=2i2c/mtu")) {
				listing(who, list, userReport, "alertname", "severity", "username");
				listing(who, list, podReport, "alertname2");
			}
			page(who, "/");
			page(who, "/hubs/2i2c/mtu");
		}
		page(sam, "/abuse/" + staffOnlyReport, "alertname3", "severity3");
		page(sam, "/abuse", "alertname3");
		assertThat(ada.get("/abuse/" + staffOnlyReport).statusCode()).isEqualTo(404);

		Api.Response details = staffApi.get("/api/v1/abuse-reports/" + userReport);
		assertThat(details.header("Content-Type")).startsWith("application/json");
		assertThat(details.header("X-Content-Type-Options")).isEqualTo("nosniff");
		JsonNode json = details.json();
		assertThat(json.get("report").get("username").asString()).isEqualTo(hostile("username"));
		assertThat(json.get("alerts").get(0).get("summary").asString()).isEqualTo(hostile("summary"));
		assertThat(json.get("alerts").get(0).get("pod").asString()).isEqualTo("jupyter-" + hostile("pod"));
		JsonNode listed = staffApi.get("/api/v1/hubs/2i2c/mtu/abuse-reports").json();
		assertThat(listed.findValuesAsString("alertname")).contains(hostile("alertname"), hostile("alertname2"));
	}

	@Test
	void hostileTextInACryptnonoLogLineIsShownEscapedOnEveryPage() throws Exception {
		InMemoryCluster hhmi = DemoRuntime.current().orElseThrow().cluster("hhmi");
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("pid", 4242);
		line.put("cmdline", hostile("cmdline"));
		line.put("matched", hostile("matched"));
		line.put("source", hostile("source"));
		line.put("labels", Map.of("io.kubernetes.pod.name", "jupyter-" + hostile("cpod"), "io.kubernetes.pod.namespace",
				"spyglass", "io.kubernetes.container.name", hostile("container")));
		line.put("image", hostile("image"));
		line.put("action", "killed");
		line.put("event", hostile("event"));
		line.put("level", "info");
		line.put("timestamp", now.toString());
		hhmi.appendLog("support", CryptnonoFollowerTest.agentOf(hhmi), "execwhacker",
				now + " " + JSON.writeValueAsString(line) + "\n");

		follower.poll();

		String ref = jdbc
			.sql("select r.ref from abuse_alerts a join abuse_reports r on r.id = a.report_id"
					+ " where a.source = 'cryptnono' and a.pod like :pod")
			.param("pod", "jupyter-cpod-" + run + "%")
			.query(String.class)
			.single();
		SignInClient bo = new SignInClient(port);
		bo.signIn("cilogon", "admin-b");
		for (SignInClient who : List.of(sam, bo)) {
			assertThat(page(who, "/abuse/" + ref, "cmdline", "matched", "cpod")).as("the memory chart")
				.contains("<title>Memory of jupyter-" + HtmlUtils.htmlEscape(hostile("cpod").split("\r")[0]));
			// The list names the report's subject: the pod, or the user attribution reads
			// from its name (jupyter-<user>-<server>), so only the absence of markup is
			// asserted there; the report page above shows the whole pod name escaped.
			listing(who, "/hubs/hhmi/spyglass/abuse", ref);
			page(who, "/");
		}
		assertThat(staffApi.get("/api/v1/abuse-reports/" + ref).json().get("alerts").get(0).get("pod").asString())
			.isEqualTo("jupyter-" + hostile("cpod"));
	}

}
