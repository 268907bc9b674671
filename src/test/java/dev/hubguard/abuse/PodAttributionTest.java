package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.Z2jhObjects;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Alerts about a pod that is gone (killed, culled) still reach its user: from what was
 * recorded while it ran, else from its name where the hub's naming scheme can be read
 * back; otherwise the report says the user is unknown.
 */
@PortalTest
class PodAttributionTest {

	@LocalServerPort
	int port;

	@Autowired
	AlertIntake intake;

	@Autowired
	UserPodSightings sightings;

	@Autowired
	dev.hubguard.cluster.ClusterCaches caches;

	@Autowired
	CryptnonoFollower follower;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	static String unique() {
		return Long.toString(System.nanoTime(), 36);
	}

	/** An alert without a username label; answers the subject of the report it joined. */
	String alert(String cluster, String namespace, String pod, String username) {
		String fp = Long.toHexString(System.nanoTime());
		intake
			.receive(AlertmanagerPayloads.parse("""
					{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"UserMemoryNearLimit",
					"cluster":"%s","namespace":"%s","pod":"%s"%s},"startsAt":"%s","fingerprint":"%s"}]}"""
				.formatted(cluster, namespace, pod, username == null ? "" : ",\"username\":\"" + username + "\"",
						Instant.now().truncatedTo(ChronoUnit.SECONDS), fp)
				.getBytes(StandardCharsets.UTF_8)));
		return jdbc.sql(
				"select r.subject from abuse_alerts a join abuse_reports r on r.id = a.report_id where a.fingerprint = :fp")
			.param("fp", fp)
			.query(String.class)
			.single();
	}

	String refOf(String hub, String subject) {
		return jdbc.sql("select ref from abuse_reports where hub = :h and subject = :s")
			.param("h", hub)
			.param("s", subject)
			.query(String.class)
			.single();
	}

	static InMemoryCluster cluster(String name) {
		return DemoRuntime.current().orElseThrow().cluster(name);
	}

	static void create(String cluster, Pod pod) {
		try (var client = cluster(cluster).client()) {
			client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
		}
	}

	/**
	 * Records the user pods the cache holds once it holds {@code pod} (its watch delivers
	 * the pod a moment after it is created; on a busy machine, later than the next line).
	 */
	void sighted(String cluster, Pod pod) {
		dev.hubguard.support.Eventually.within(java.time.Duration.ofSeconds(20),
				"the cache of " + cluster + " holds " + pod.getMetadata().getName(),
				() -> caches.forCluster(cluster)
					.map(cache -> cache.userPods()
						.stream()
						.anyMatch(p -> p.getMetadata().getName().equals(pod.getMetadata().getName())))
					.orElse(false));
		sightings.poll();
	}

	static void delete(String cluster, Pod pod) {
		try (var client = cluster(cluster).client()) {
			client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
		}
	}

	/** A user pod named the KubeSpawner 7 way, with the given name. */
	static Pod safelyNamed(String namespace, String name, String username) {
		return new PodBuilder(Z2jhObjects.userPod(namespace, username)).editMetadata()
			.withName(name)
			.endMetadata()
			.build();
	}

	@Test
	void anAlertAboutAPodThatWasSeenAndIsGoneJoinsItsUsersReport() {
		String user = "culled-" + unique() + "@mtu.example";
		Pod pod = Z2jhObjects.userPod("mtu", user);
		create("2i2c", pod);
		sighted("2i2c", pod);
		delete("2i2c", pod);

		String gone = alert("2i2c", "mtu", pod.getMetadata().getName(), null);
		String labelled = alert("2i2c", "mtu", "jupyter-elsewhere", user);

		assertThat(gone).isEqualTo("user:" + user);
		assertThat(labelled).as("one user's alerts land on one report").isEqualTo(gone);
	}

	@Test
	void aGonePodNeverSeenIsReadBackFromItsNameWhereTheHubsSchemeIsEscaping() {
		// mtu's live pods (jupyter-grader-40mtu-2eexample for grader@mtu.example) show
		// the
		// escaping scheme of KubeSpawner before 7.
		sightings.poll();
		String user = "ghost" + unique();

		String subject = alert("2i2c", "mtu", "jupyter-" + user + "-2ename-40mtu-2eexample", null);

		assertThat(subject).isEqualTo("user:" + user + ".name@mtu.example");
	}

	@Test
	void underKubeSpawner7sSafeNamesAHashedNameIsAnUnknownUserShownAsSuch() {
		Pod maria = safelyNamed("ccsf", "jupyter-maria-lopez", "maria-lopez");
		create("cloudbank", maria);
		sighted("cloudbank", maria);
		String id = unique();
		String safe = alert("cloudbank", "ccsf", "jupyter-kim-" + id, null);
		String hashed = "jupyter-kim-" + id + "-mtu-edu---0a1b2c3d";
		String unknown = alert("cloudbank", "ccsf", hashed, null);

		assertThat(safe).isEqualTo("user:kim-" + id);
		assertThat(unknown).isEqualTo("pod:" + hashed);
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		assertThat(sam.get("/abuse/" + refOf("cloudbank/ccsf", unknown)).body())
			.contains("unknown user (pod " + hashed + ")");
		assertThat(sam.get("/hubs/cloudbank/ccsf/abuse").body()).contains("unknown user (pod " + hashed + ")");
	}

	@Test
	void whereNoLivePodShowedTheSchemeOnlyNamesBothSchemesAgreeOnAreRead() {
		// bcc runs no user servers: its scheme is unknown.
		String id = unique();
		assertThat(alert("cloudbank", "bcc", "jupyter-pat" + id, null)).isEqualTo("user:pat" + id);
		assertThat(alert("cloudbank", "bcc", "jupyter-pat" + id + "-2ex", null))
			.isEqualTo("pod:jupyter-pat" + id + "-2ex");
	}

	@Test
	void aCryptnonoKillOfAPodThatIsGoneIsAttributedToItsUser() {
		String user = "miner-" + unique();
		Pod pod = Z2jhObjects.userPod("binder", user);
		create("hhmi", pod);
		sighted("hhmi", pod);
		delete("hhmi", pod);
		Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
		cluster("hhmi").appendLog("support", CryptnonoFollowerTest.agentOf(cluster("hhmi")), "execwhacker",
				CryptnonoFollowerTest.kill(at, pod.getMetadata().getName(), "./xmrig --gone-" + user));

		follower.poll();

		assertThat(jdbc
			.sql("select r.subject from abuse_alerts a join abuse_reports r on r.id = a.report_id "
					+ "where a.summary like :s")
			.param("s", "%--gone-" + user + "%")
			.query(String.class)
			.list()).containsExactly("user:" + user);
	}

	@Test
	void aMoneroKillIsAClusterLevelEventOnTheNodeOfTheAgentThatLoggedItForStaff() {
		InMemoryCluster hhmi = cluster("hhmi");
		String agent = CryptnonoFollowerTest.agentOf(hhmi);
		String node;
		try (var client = hhmi.client()) {
			node = client.pods().inNamespace("support").withName(agent).get().getSpec().getNodeName();
		}
		String cmd = "./xmr-stak --node-test-" + unique();
		Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
		hhmi.appendLog("support", agent, "monero",
				at + " [" + at.toString().replace("Z", "+0000") + "] killed pid:4242 fpcr:0 cmd:" + cmd + "\n");

		follower.poll();

		var row = jdbc.sql("""
				select r.ref, r.hub, r.subject, a.labels from abuse_alerts a join abuse_reports r on r.id = a.report_id
				where a.summary like :s""")
			.param("s", "%" + cmd + "%")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) })
			.single();
		assertThat(node).isNotBlank();
		assertThat(row[1]).isNull();
		assertThat(row[2]).isEqualTo("node:hhmi/" + node);
		assertThat(row[3]).contains("\"node\":\"" + node + "\"");
		Api staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Api bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		assertThat(staff.get("/api/v1/abuse-reports").body()).contains(row[0]);
		assertThat(bo.get("/api/v1/abuse-reports/" + row[0]).status()).isEqualTo(404);
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		assertThat(sam.get("/abuse/" + row[0]).body()).contains("node " + node);
	}

}
