package dev.hubguard.production;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.DemoPreload;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.SignInClient;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two portal processes from the packaged jar (separate JVMs, production configuration) on
 * one database and one set of API servers, as a provider runs them behind a load
 * balancer: a session started on one works on the other, every applied change reaches the
 * cluster once, cryptnono's lines are read by the leader only, and killing the leader
 * hands the work over with nothing lost. Runs after {@code package}, by failsafe.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

	/**
	 * The test's own reads wait out a stall of the in-memory API server (its event loop
	 * blocks for up to about 10 s when a watch closes mid-send), which is not what is
	 * tested.
	 */
	private static final java.time.Duration API_PATIENCE = java.time.Duration.ofSeconds(40);

	private static final String DATABASE = "hubguard_replicas";

	private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;

	private static final String METRICS_TOKEN = "replicas-metrics-token";

	private static final String MTU = "/api/v1/hubs/2i2c/mtu/internet-access";

	private static final Predicate<String> MTU_EGRESS_PATCH = request -> request.startsWith("PATCH ")
			&& request.endsWith("/namespaces/mtu/networkpolicies/hubguard-egress");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static DemoRuntime world;

	private static Replica a;

	private static Replica b;

	private static Api ada;

	private static Api sam;

	@BeforeAll
	static void startTwoReplicas() throws Exception {
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
				"")) {
			admin.createStatement().execute("drop database if exists " + DATABASE + " with (force)");
			admin.createStatement().execute("create database " + DATABASE);
		}
		Path dir = Files.createTempDirectory("hubguard-replicas");
		// The demo's API servers, sign-in provider, catalogue, kubeconfig and roster, in
		// this JVM; the replicas are production builds that only know their addresses.
		world = DemoPreload.start(dir.resolve("world"), DB_URL);
		Map<String, String> environment = new HashMap<>();
		environment.put("SPRING_DATASOURCE_URL", DB_URL);
		environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
		environment.put("HUBGUARD_DEMO", "false");
		environment.put("HUBGUARD_CILOGON_CLIENT_ID", "hubguard-demo");
		environment.put("HUBGUARD_CILOGON_CLIENT_SECRET", "demo-only");
		environment.put("HUBGUARD_CILOGON_ISSUER", world.signInBaseUrl() + "/cilogon");
		environment.put("HUBGUARD_STAFF_CILOGON_USERS", "sam@hubguard.example");
		environment.put("HUBGUARD_STAFF_ROSTER", world.dir().resolve("staff-roster.yaml").toString());
		environment.put("HUBGUARD_CATALOGUE", world.dir().resolve("clusters.yaml").toString());
		environment.put("HUBGUARD_KUBECONFIG", world.dir().resolve("kubeconfig").toString());
		environment.put("HUBGUARD_KEKS", "replicas-1:" + Base64.getEncoder().encodeToString(new byte[32]));
		environment.put("HUBGUARD_METRICS_TOKEN", METRICS_TOKEN);
		environment.put("HUBGUARD_BIND_ADDRESS", "127.0.0.1");
		environment.put("HUBGUARD_LOG_FORMAT", "");
		List<String> arguments = List.of("--hubguard.cryptnono.poll-interval=1s");
		a = Replica.start("replica-a", dir, environment, arguments);
		b = Replica.start("replica-b", dir, environment, arguments);
		a.awaitReady(Duration.ofMinutes(3));
		b.awaitReady(Duration.ofMinutes(3));

		SignInClient adaSession = new SignInClient(a.port());
		adaSession.signIn("cilogon", "admin-a");
		ada = Api.withToken(a.port(), newToken(adaSession));
		SignInClient samSession = new SignInClient(b.port());
		samSession.signIn("cilogon", "staff");
		sam = Api.withToken(b.port(), newToken(samSession));
	}

	@AfterAll
	static void stopReplicas() throws InterruptedException {
		for (Replica replica : new Replica[] { a, b }) {
			if (replica != null) {
				replica.stop();
			}
		}
	}

	@Test
	@Order(1)
	void aSessionStartedOnOneReplicaIsRecognisedOnTheOther() {
		SignInClient samBrowser = new SignInClient(a.port());
		HttpResponse<String> landed = samBrowser.signIn("cilogon", "staff");
		assertThat(landed.statusCode()).isEqualTo(200);
		assertThat(landed.body()).contains("Sam Staff");

		HttpResponse<String> onB = samBrowser.at(b.port()).get("/");
		assertThat(onB.statusCode()).as("replica b, with the cookie replica a set").isEqualTo(200);
		assertThat(onB.body()).contains("Sam Staff");

		// Signing out on b ends the session on a too.
		String token = samBrowser.at(b.port()).csrfToken("/");
		samBrowser.at(b.port()).postFormWithoutToken("/logout", "_csrf=" + SignInClient.encode(token));
		assertThat(samBrowser.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	@Order(2)
	void everyChangeReachesTheClusterOnceWhicheverReplicaTookIt() throws Exception {
		InMemoryCluster twoI2c = world.cluster("2i2c");
		assertThat(a.becameLeader() ^ b.becameLeader())
			.as("exactly one leader; a: %s, b: %s", a.becameLeader(), b.becameLeader())
			.isTrue();
		long patchesBefore = twoI2c.requests(MTU_EGRESS_PATCH);
		double appliesBefore = applies();
		int changes = 0;
		for (int round = 0; round < 4; round++) {
			Replica there = round % 2 == 0 ? a : b;
			Replica other = there == a ? b : a;
			// Less access is applied at once, through one replica.
			int blocked = ada.at(there.port())
				.put(MTU, body("BLOCKED", "exam " + round, version()))
				.json()
				.get("appliedVersion")
				.asInt();
			awaitApplied(blocked, Duration.ofSeconds(15));
			changes++;
			// More access waits for staff, who approve on the other replica.
			long id = ada.at(there.port())
				.put(MTU, body("OPEN", "after exam " + round, version()))
				.json()
				.get("id")
				.asLong();
			Api.Response approved = sam.at(other.port()).post("/api/v1/change-requests/" + id + "/approve", null);
			assertThat(approved.status()).as(approved.body()).isEqualTo(200);
			awaitApplied(approved.json().get("appliedVersion").asInt(), Duration.ofSeconds(15));
			changes++;
		}
		// Long enough for a second reconciler, if there were one, to apply them again.
		Thread.sleep(3_000);
		assertThat(twoI2c.requests(MTU_EGRESS_PATCH) - patchesBefore).as("server-side applies of mtu's policy")
			.isEqualTo(changes);
		assertThat(applies() - appliesBefore).as("applies counted by both replicas together").isEqualTo(changes);
	}

	@Test
	@Order(3)
	void cryptnonoLinesAreReadByTheLeaderOnlyAndStoredOnce() throws Exception {
		Replica leader = a.becameLeader() ? a : b;
		Replica follower = leader == a ? b : a;
		Eventually.within(Duration.ofSeconds(30), "the seeded cryptnono lines ingested",
				() -> cryptnonoAlerts("%xmrig%") >= 1);
		int before = cryptnonoAlerts("%replica-check%");
		appendKill("replica-check-1");
		Eventually.within(Duration.ofSeconds(15), "the new kill ingested",
				() -> cryptnonoAlerts("%replica-check-1%") == 1);
		Thread.sleep(3_000);
		assertThat(cryptnonoAlerts("%replica-check%") - before).isEqualTo(1);
		assertThat(leader.counter(METRICS_TOKEN, "hubguard_cryptnono_lines_total")).isPositive();
		assertThat(follower.counter(METRICS_TOKEN, "hubguard_cryptnono_lines_total")).as("lines read by the follower")
			.isZero();
	}

	@Test
	@Order(4)
	void twoPeopleEditingOneHubOnTwoReplicasAtOnceLoseNoUpdate() throws Exception {
		for (int round = 0; round < 5; round++) {
			int base = version();
			String reason = "race " + round;
			// Both ask for less access (applied at once) from the same version, at the
			// same
			// moment, on different replicas: one wins, the other is told it is stale.
			CountDownLatch go = new CountDownLatch(1);
			try (ExecutorService two = Executors.newFixedThreadPool(2)) {
				Future<Api.Response> fromA = two.submit(() -> {
					go.await();
					return ada.at(a.port()).put(MTU, body("BLOCKED", reason, base));
				});
				Future<Api.Response> fromB = two.submit(() -> {
					go.await();
					return sam.at(b.port()).put(MTU, body("WEB_ONLY", reason, base));
				});
				go.countDown();
				Api.Response first = fromA.get();
				Api.Response second = fromB.get();
				assertThat(List.of(first.status() / 100, second.status() / 100))
					.as("round %d: %s / %s", round, first.body(), second.body())
					.containsExactlyInAnyOrder(2, 4);
				Api.Response loser = first.status() / 100 == 4 ? first : second;
				assertThat(loser.status()).isEqualTo(409);
				// Told which version won, whether the clash was seen on filing or on
				// applying; the
				// whole filing is rolled back either way.
				assertThat(loser.body()).contains("version " + (base + 1));
				Api.Response winner = loser == first ? second : first;
				assertThat(version()).isEqualTo(base + 1);
				assertThat(ada.get(MTU).json().get("desired").get("policy").get("mode").asString())
					.isEqualTo(winner == first ? "BLOCKED" : "WEB_ONLY");
			}
			// Back to open for the next round, through review.
			long id = ada.put(MTU, body("OPEN", "after race " + round, version())).json().get("id").asLong();
			assertThat(sam.post("/api/v1/change-requests/" + id + "/approve", null).status()).isEqualTo(200);
		}
	}

	@Test
	@Order(5)
	void aHundredApprovalsDuringAMinuteLongClusterOutageAreAllAppliedWhenItEnds() throws Exception {
		InMemoryCluster twoI2c = world.cluster("2i2c");
		Duration outage = Duration.ofSeconds(Long.getLong("hubguard.test.outage-seconds", 60));
		int approvals = 100;
		int blocked = ada.put(MTU, body("BLOCKED", "before the mirrors", version()))
			.json()
			.get("appliedVersion")
			.asInt();
		awaitApplied(blocked, Duration.ofSeconds(15));
		Instant down = Instant.now();
		twoI2c.outage(true);
		int last;
		try {
			StringBuilder rules = new StringBuilder();
			last = version();
			for (int k = 1; k <= approvals; k++) {
				// Each request opens one more address: more access, so staff approve
				// each.
				rules.append(k == 1 ? "" : ",")
					.append("{\"cidr\":\"198.51.100.%d/32\",\"protocol\":\"TCP\",\"port\":443,\"reason\":\"mirror %d\"}"
						.formatted(k, k));
				Replica there = k % 2 == 0 ? a : b;
				Api.Response filed = ada.at(there.port())
					.put(MTU, """
							{"mode":"ALLOWLIST","rules":[%s],"justification":"mirror %d","baseVersion":%d}"""
						.formatted(rules, k, last));
				assertThat(filed.status()).as(filed.body()).isEqualTo(202);
				Api.Response approved = sam.at((there == a ? b : a).port())
					.post("/api/v1/change-requests/" + filed.json().get("id").asLong() + "/approve", null);
				assertThat(approved.status()).as(approved.body()).isEqualTo(200);
				last = approved.json().get("appliedVersion").asInt();
			}
			long left = outage.minus(Duration.between(down, Instant.now())).toMillis();
			Thread.sleep(Math.max(0, left));
		}
		finally {
			twoI2c.outage(false);
		}
		Instant up = Instant.now();
		long patchesBefore = twoI2c.requests(MTU_EGRESS_PATCH);
		awaitApplied(last, Duration.ofSeconds(90));
		System.out.printf("%d approvals during a %d s outage: the last applied %d ms after the cluster came back%n",
				approvals, outage.toSeconds(), Duration.between(up, Instant.now()).toMillis());
		Thread.sleep(3_000);
		// Level-based: the latest desired state is applied, once, and it holds every
		// rule.
		assertThat(twoI2c.requests(MTU_EGRESS_PATCH) - patchesBefore).isEqualTo(1);
		try (KubernetesClient client = twoI2c.client(API_PATIENCE)) {
			NetworkPolicy policy = client.network()
				.v1()
				.networkPolicies()
				.inNamespace("mtu")
				.withName("hubguard-egress")
				.get();
			List<String> ranges = policy.getSpec()
				.getEgress()
				.stream()
				.flatMap(rule -> rule.getTo().stream())
				.filter(peer -> peer.getIpBlock() != null)
				.map(peer -> peer.getIpBlock().getCidr())
				.toList();
			assertThat(ranges).contains("198.51.100.1/32", "198.51.100.50/32", "198.51.100.100/32");
		}
	}

	@Test
	@Order(6)
	void killingTheLeaderHandsOverWithin15SecondsAndNothingApprovedIsLost() throws Exception {
		Replica leader = a.becameLeader() ? a : b;
		Replica survivor = leader == a ? b : a;
		InMemoryCluster twoI2c = world.cluster("2i2c");
		int blocked = ada.put(MTU, body("BLOCKED", "before the handover", version()))
			.json()
			.get("appliedVersion")
			.asInt();
		awaitApplied(blocked, Duration.ofSeconds(15));
		// The leader cannot reach the cluster when staff approve, so the change is still
		// only in the database when the leader dies.
		twoI2c.outage(true);
		long id = ada.at(leader.port())
			.put(MTU, body("WEB_ONLY", "packages from PyPI", version()))
			.json()
			.get("id")
			.asLong();
		Api.Response approved = sam.at(leader.port()).post("/api/v1/change-requests/" + id + "/approve", null);
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);
		int version = approved.json().get("appliedVersion").asInt();
		leader.kill();
		Instant killed = Instant.now();
		twoI2c.outage(false);
		int cryptnonoBefore = cryptnonoAlerts("%replica-check-2%");
		appendKill("replica-check-2");

		awaitApplied(version, Duration.ofSeconds(15));
		Duration handover = Duration.between(killed, Instant.now());
		System.out.printf("leader %s killed; %s applied the approved change after %d ms%n", leader.name(),
				survivor.name(), handover.toMillis());
		assertThat(survivor.becameLeader()).isTrue();
		assertThat(handover).isLessThan(Duration.ofSeconds(15));
		Eventually.within(Duration.ofSeconds(15), "cryptnono read by the new leader",
				() -> cryptnonoAlerts("%replica-check-2%") == cryptnonoBefore + 1);
	}

	private static int version() {
		var desired = ada.get(MTU).json().get("desired");
		return desired == null || desired.isNull() ? 0 : desired.get("version").asInt();
	}

	private static String body(String mode, String justification, int baseVersion) {
		return """
				{"mode":"%s","justification":"%s","baseVersion":%d}""".formatted(mode, justification, baseVersion);
	}

	private static void awaitApplied(int version, Duration limit) {
		Eventually.within(limit, "version " + version + " of mtu's policy in the cluster", () -> {
			try (KubernetesClient client = world.cluster("2i2c").client(API_PATIENCE)) {
				NetworkPolicy policy = client.network()
					.v1()
					.networkPolicies()
					.inNamespace("mtu")
					.withName("hubguard-egress")
					.get();
				return policy != null && String.valueOf(version)
					.equals(policy.getMetadata().getAnnotations().get("hubguard.dev/desired-version"));
			}
		});
	}

	private static double applies() {
		return a.counter(METRICS_TOKEN, "hubguard_reconcile_applies_total")
				+ b.counter(METRICS_TOKEN, "hubguard_reconcile_applies_total");
	}

	/** cryptnono's agent on 2i2c logs a kill in mtu, as a new line. */
	private static void appendKill(String marker) {
		InMemoryCluster twoI2c = world.cluster("2i2c");
		String agent;
		try (KubernetesClient client = twoI2c.client(API_PATIENCE)) {
			agent = client.pods()
				.inNamespace("support")
				.withLabel("app.kubernetes.io/name", "cryptnono")
				.list()
				.getItems()
				.get(0)
				.getMetadata()
				.getName();
		}
		Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String event = "{\"pid\":4242,\"cmdline\":\"/tmp/xmrig --" + marker
				+ "\",\"matched\":\"xmrig\",\"source\":\"execwhacker.bpf\",\"labels\":{\"io.kubernetes.pod.name\":"
				+ "\"jupyter-student1-40mtu-2eexample\",\"io.kubernetes.pod.namespace\":\"mtu\","
				+ "\"io.kubernetes.container.name\":\"notebook\"},\"action\":\"killed\",\"event\":\"Killed process\","
				+ "\"level\":\"info\",\"timestamp\":\"" + at + "\"}";
		twoI2c.appendLog("support", agent, "execwhacker", at + " " + event + "\n");
	}

	private static int cryptnonoAlerts(String summaryLike) {
		try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "");
				var query = db.prepareStatement(
						"select count(*) from abuse_alerts where source = 'cryptnono' and summary like ?")) {
			query.setString(1, summaryLike);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String newToken(SignInClient session) {
		HttpResponse<String> created = session.postJson("/api/v1/tokens", "{\"name\":\"replicas\",\"days\":1}",
				session.csrfToken("/tokens"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).get("value").asString();
	}

}
