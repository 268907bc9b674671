package dev.hubguard.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The staff matrix with its filters and CSV export, exemptions, history, and live changes
 * in a cluster reaching the report.
 */
@PortalTest
class IsolationMatrixFlowTest {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	IsolationHistory history;

	@Autowired
	JdbcClient jdbc;

	Api ada;

	Api bo;

	Api staff;

	@BeforeEach
	void people() {
		ada = Api.as(port, accounts, tokens, Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		IsolationFlowTest.report(staff, "cloudbank/avc");
		IsolationFlowTest.report(staff, "hhmi/binder");
	}

	static JsonNode row(JsonNode matrix, String hub) {
		for (JsonNode row : matrix.get("rows")) {
			if (row.get("hub").asString().equals(hub)) {
				return row;
			}
		}
		return null;
	}

	@Test
	void theMatrixFiltersByClusterByCheckAndToOnlyFailing() {
		JsonNode all = staff.get("/api/v1/isolation").json();
		assertThat(all.get("rows").size()).isEqualTo(26);
		assertThat(all.get("columns").size()).isEqualTo(Checks.ALL.size());
		JsonNode cloudbank = staff.get("/api/v1/isolation?cluster=cloudbank").json();
		assertThat(cloudbank.get("rows").size()).isEqualTo(20);
		assertThat(cloudbank.get("rows"))
			.allSatisfy(r -> assertThat(r.get("cluster").asString()).isEqualTo("cloudbank"));
		JsonNode root = staff.get("/api/v1/isolation?check=user-pod.non-root&failing=true").json();
		assertThat(root.get("columns").size()).isEqualTo(1);
		assertThat(root.get("rows").size()).isEqualTo(1);
		JsonNode binder = row(root, "hhmi/binder");
		assertThat(binder.get("cells").get(0).get("result").asString()).isEqualTo("fail");
		assertThat(binder.get("cells").get(0).get("link").asString())
			.isEqualTo("/hubs/hhmi/binder/isolation#user-pod.non-root");
		JsonNode failing = staff.get("/api/v1/isolation?failing=true").json();
		assertThat(row(failing, "hhmi/binder")).isNotNull();
		assertThat(row(failing, "hhmi/spyglass")).isNull();
		assertThat(failing.get("columns")).noneSatisfy(c -> assertThat(c.get("id").asString()).isEqualTo("hub.rbac"));

		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		String page = sam.get("/staff/isolation?cluster=hhmi").body();
		assertThat(page)
			.contains("hhmi/binder", "hhmi/spyglass", "result-fail", "id=\"only-failing\"",
					"href=\"/staff/isolation?cluster=hhmi&amp;failing=true\"")
			.doesNotContain("data-hub=\"cloudbank/avc\"");
		assertThat(sam.get("/staff/isolation?cluster=hhmi&failing=true").body()).contains("hhmi/binder")
			.doesNotContain("data-hub=\"hhmi/spyglass\"");
	}

	@Test
	void theMatrixPagesByHubNameWithEveryHubOnExactlyOnePage() {
		List<String> seen = new ArrayList<>();
		String path = "/api/v1/isolation?limit=7";
		int pages = 0;
		while (path != null) {
			Api.Response page = staff.get(path);
			assertThat(page.status()).isEqualTo(200);
			JsonNode body = page.json();
			assertThat(body.get("rows").size()).isBetween(1, 7);
			assertThat(body.get("matching").asInt()).isEqualTo(26);
			body.get("rows").forEach(r -> seen.add(r.get("hub").asString()));
			path = text(body, "nextLink");
			assertThat(page.header("Link")).isEqualTo(path == null ? null : "<" + path + ">; rel=\"next\"");
			pages++;
		}
		assertThat(pages).isEqualTo(4);
		assertThat(seen).hasSize(26).doesNotHaveDuplicates().isSorted();
		List<String> whole = new ArrayList<>();
		staff.get("/api/v1/isolation?limit=200").json().get("rows").forEach(r -> whole.add(r.get("hub").asString()));
		assertThat(seen).isEqualTo(whole);

		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		String first = sam.get("/staff/isolation?cluster=cloudbank&limit=15").body();
		java.util.regex.Matcher next = java.util.regex.Pattern
			.compile("id=\"matrix-next\" rel=\"next\" href=\"([^\"]+)\"")
			.matcher(first);
		assertThat(next.find()).isTrue();
		String second = sam.get(next.group(1).replace("&amp;", "&")).body();
		assertThat(second).contains("id=\"matrix-first\"").doesNotContain("id=\"matrix-next\"");
		assertThat(rows(first) + rows(second)).isEqualTo(20);
	}

	@Test
	void aMatrixCursorItDidNotGiveOutOrAPageSizeOutOfRangeIsA400() {
		String hubTableCursor = dev.hubguard.shared.Cursor.of("hubs", "name", "asc", "x", "2i2c/mtu").encode();
		for (String query : List.of("cursor=not-a-cursor", "cursor=" + hubTableCursor, "limit=0", "limit=201")) {
			Api.Response answer = staff.get("/api/v1/isolation?" + query);
			assertThat(answer.status()).as(query).isEqualTo(400);
			assertThat(answer.json().get("field").asString()).isIn("cursor", "limit");
		}
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		assertThat(sam.get("/staff/isolation?cursor=not-a-cursor").statusCode()).isEqualTo(400);
		assertThat(ada.get("/api/v1/isolation?limit=5").status()).isEqualTo(403);
		assertThat(bo.get("/api/v1/isolation?limit=5").status()).isEqualTo(403);
	}

	@Test
	void aHubsUserServersPageByUsernameWithEveryServerOnExactlyOnePage() {
		JsonNode whole = ada.get("/api/v1/hubs/2i2c/mtu/isolation?limit=200").json();
		int count = whole.get("userCount").asInt();
		assertThat(count).isGreaterThanOrEqualTo(2);
		List<String> all = new ArrayList<>();
		whole.get("users").forEach(u -> all.add(u.get("pod").asString()));
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Api.Response page = ada
				.get("/api/v1/hubs/2i2c/mtu/isolation?limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.json().get("users").size()).isEqualTo(1);
			assertThat(page.json().get("userCount").asInt()).isEqualTo(count);
			seen.add(page.json().get("users").get(0).get("pod").asString());
			cursor = text(page.json(), "usersNext");
			assertThat(page.header("Link") != null).isEqualTo(cursor != null);
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(count);
		assertThat(seen).isEqualTo(all).doesNotHaveDuplicates();

		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		String first = sam.get("/hubs/2i2c/mtu/isolation?limit=1").body();
		java.util.regex.Matcher next = java.util.regex.Pattern
			.compile("id=\"users-next\" rel=\"next\"\\s+href=\"([^\"#]+)")
			.matcher(first);
		assertThat(next.find()).as("a next page link").isTrue();
		assertThat(sam.get(next.group(1).replace("&amp;", "&")).body()).contains("id=\"users-first\"", seen.get(1));
	}

	@Test
	void aUsersCursorItDidNotGiveOutIsA400AndAnotherHubsAdminIsStillRefused() {
		String matrixCursor = dev.hubguard.shared.Cursor.of("isolation", "2i2c/mtu").encode();
		for (String query : List.of("cursor=not-a-cursor", "cursor=" + matrixCursor, "limit=0", "limit=201")) {
			Api.Response answer = ada.get("/api/v1/hubs/2i2c/mtu/isolation?" + query);
			assertThat(answer.status()).as(query).isEqualTo(400);
		}
		assertThat(bo.get("/api/v1/hubs/2i2c/mtu/isolation?limit=1").status()).isEqualTo(403);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isMissingNode() || value.isNull() ? null : value.asString();
	}

	private static int rows(String page) {
		return page.split("<tr data-hub=").length - 1;
	}

	@Test
	void staffExemptACheckWithAReasonAndExpiryThatHubAdminsCannotSetAndTheCsvEscapesFormulas() {
		String body = """
				{"hub":"cloudbank/csm","check":"network.controller","reason":"=HYPERLINK(\\"http://evil.example\\")",
				"expiresOn":"%s"}""".formatted(LocalDate.now(ZoneOffset.UTC).plusDays(30));
		JsonNode before = IsolationFlowTest.report(staff, "cloudbank/csm");
		assertThat(IsolationFlowTest.result(before, "network.controller")).isEqualTo("fail");
		assertThat(bo.post("/api/v1/staff/isolation/exemptions", body).status()).isEqualTo(403);
		assertThat(ada.post("/api/v1/staff/isolation/exemptions", body).status()).isEqualTo(403);
		Api.Response granted = staff.post("/api/v1/staff/isolation/exemptions", body);
		assertThat(granted.status()).isEqualTo(201);
		long id = granted.json().get("id").asLong();
		try {
			JsonNode after = IsolationFlowTest.report(staff, "cloudbank/csm");
			assertThat(IsolationFlowTest.result(after, "network.controller")).isEqualTo("exempt");
			assertThat(IsolationFlowTest.check(after, "network.controller").get("exemption").asString())
				.contains("HYPERLINK", "sam@hubguard.example");
			assertThat(after.get("score").asInt()).isGreaterThan(before.get("score").asInt());
			SignInClient sam = new SignInClient(port);
			sam.signIn("cilogon", "staff");
			HttpResponse<String> csv = sam.get("/staff/isolation.csv?cluster=cloudbank&check=network.controller");
			assertThat(csv.statusCode()).isEqualTo(200);
			assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
			assertThat(csv.body()).startsWith("hub,cluster,score,check")
				.contains("cloudbank/csm,cloudbank,")
				.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")")
				.doesNotContain(",=HYPERLINK");
			assertThat(csv.body().lines().count()).isEqualTo(21);
			assertThat(sam.get("/hubs/cloudbank/csm/isolation").body()).contains("id=\"exempt-form\"", "Revoke");
			assertThat(staff.get("/api/v1/audit?hub=cloudbank/csm").body()).contains("isolation.exempt");
			HttpResponse<String> revoked = sam.postForm("/hubs/cloudbank/csm/isolation",
					"/staff/isolation/exemptions/" + id + "/revoke", "hub=cloudbank%2Fcsm");
			assertThat(revoked.statusCode()).isEqualTo(302);
			id = 0;
			assertThat(IsolationFlowTest.result(IsolationFlowTest.report(staff, "cloudbank/csm"), "network.controller"))
				.isEqualTo("fail");
		}
		finally {
			if (id != 0) {
				jdbc.sql("update isolation_exemptions set revoked_at = now() where id = :id").param("id", id).update();
			}
		}
		SignInClient adaPages = new SignInClient(port);
		adaPages.signIn("cilogon", "admin-a");
		assertThat(adaPages.get("/hubs/2i2c/mtu/isolation").body()).contains("iso-checks")
			.doesNotContain("exempt-form");
		assertThat(adaPages.get("/staff/isolation.csv").statusCode()).isEqualTo(403);
	}

	@Test
	void snapshotsAreTakenOnChangeAndDailyPrunedAfter90DaysAndHubsThatGotWorseAreFlagged() {
		history.snapshotAll();
		long count = snapshots("hhmi/spyglass");
		assertThat(count).isPositive();
		history.snapshotAll();
		assertThat(snapshots("hhmi/spyglass")).isEqualTo(count);
		insert("cloudbank/bcc", Instant.now().minus(Duration.ofDays(100)), 0);
		assertThat(snapshots("cloudbank/bcc")).isGreaterThan(1);
		history.snapshotAll();
		assertThat(jdbc.sql("select count(*) from isolation_snapshots where taken_at < now() - interval '90 days'")
			.query(Long.class)
			.single()).isZero();
		// A day ago binder failed nothing: it got worse.
		insert("hhmi/binder", Instant.now().minus(Duration.ofHours(30)), 0);
		JsonNode binder = row(staff.get("/api/v1/isolation?cluster=hhmi").json(), "hhmi/binder");
		assertThat(binder.get("worse").asBoolean()).isTrue();
		assertThat(row(staff.get("/api/v1/isolation?cluster=hhmi").json(), "hhmi/spyglass").get("worse").asBoolean())
			.isFalse();
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		assertThat(sam.get("/staff/isolation").body()).contains("id=\"worse\"");
		assertThat(sam.get("/").body()).contains("id=\"isolation-worse\"").contains("/hubs/hhmi/binder/isolation");
		String page = sam.get("/hubs/hhmi/binder/isolation").body();
		assertThat(page).contains("user-pod.non-root: pass → fail", "<polyline");
	}

	private long snapshots(String hub) {
		return jdbc.sql("select count(*) from isolation_snapshots where hub = :hub")
			.param("hub", hub)
			.query(Long.class)
			.single();
	}

	private void insert(String hub, Instant at, int failing) {
		StringBuilder results = new StringBuilder();
		Checks.ALL.forEach(c -> results.append(c.id()).append("=PASS\n"));
		jdbc.sql(
				"insert into isolation_snapshots (hub, taken_at, score, failing, results) values (:h, :at, 100, :f, :r)")
			.param("h", hub)
			.param("at", Timestamp.from(at))
			.param("f", failing)
			.param("r", results.toString())
			.update();
	}

	@Test
	void changesInTheClusterReachTheReportThroughTheWatch() {
		try (KubernetesClient client = DemoRuntime.current().orElseThrow().cluster("cloudbank").client()) {
			client.pods()
				.inNamespace("ucla")
				.resource(new PodBuilder().withNewMetadata()
					.withName("jupyter-intruder")
					.withNamespace("ucla")
					.addToLabels("app", "jupyterhub")
					.addToLabels("component", "singleuser-server")
					.addToLabels("release", "ucla")
					.addToAnnotations("hub.jupyter.org/username", "intruder")
					.endMetadata()
					.withNewSpec()
					.withHostNetwork(true)
					.addNewVolume()
					.withName("root")
					.withNewHostPath("/", null)
					.endVolume()
					.addNewContainer()
					.withName("notebook")
					.withImage("busybox")
					.withNewSecurityContext()
					.withPrivileged(true)
					.endSecurityContext()
					.endContainer()
					.endSpec()
					.build())
				.create();
			client.apps()
				.deployments()
				.inNamespace("kube-system")
				.resource(new DeploymentBuilder().withNewMetadata()
					.withName("kubernetes-dashboard")
					.withNamespace("kube-system")
					.endMetadata()
					.withNewSpec()
					.withNewTemplate()
					.withNewSpec()
					.addNewContainer()
					.withName("dashboard")
					.withImage("kubernetesui/dashboard:v2.7.0")
					.endContainer()
					.endSpec()
					.endTemplate()
					.endSpec()
					.build())
				.create();
			try {
				Eventually.within(Duration.ofSeconds(10), "the intruder pod reported", () -> {
					JsonNode report = IsolationFlowTest.report(staff, "cloudbank/ucla");
					return IsolationFlowTest.result(report, "user-pod.privileged").equals("fail")
							&& IsolationFlowTest.result(report, "cluster.no-dashboard").equals("fail");
				});
				JsonNode report = IsolationFlowTest.report(staff, "cloudbank/ucla");
				assertThat(IsolationFlowTest.result(report, "user-pod.host-namespaces")).isEqualTo("fail");
				assertThat(IsolationFlowTest.result(report, "user-pod.host-path")).isEqualTo("fail");
				assertThat(IsolationFlowTest.evidence(report, "cluster.no-dashboard"))
					.contains("kube-system/kubernetes-dashboard");
				assertThat(report.get("users").toString()).contains("intruder", "user-pod.privileged");
			}
			finally {
				client.pods().inNamespace("ucla").withName("jupyter-intruder").delete();
				client.apps().deployments().inNamespace("kube-system").withName("kubernetes-dashboard").delete();
			}
			Eventually.within(Duration.ofSeconds(10), "the intruder pod gone from the report", () -> {
				JsonNode report = IsolationFlowTest.report(staff, "cloudbank/ucla");
				return IsolationFlowTest.result(report, "user-pod.privileged").equals("unknown")
						&& IsolationFlowTest.result(report, "cluster.no-dashboard").equals("pass");
			});
		}
	}

}
