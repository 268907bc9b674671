package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.support.Eventually;
import java.time.Duration;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.support.PortalTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * cryptnono's own log lines, read from its pods through the API server, become alerts
 * exactly once.
 */
@PortalTest
class CryptnonoFollowerTest {

	@Autowired
	CryptnonoFollower follower;

	@Autowired
	ClusterCaches caches;

	@Autowired
	JdbcClient jdbc;

	static String agentOf(InMemoryCluster cluster) {
		try (var client = cluster.client()) {
			return client.pods()
				.inNamespace("support")
				.withLabel("app.kubernetes.io/name", "cryptnono")
				.list()
				.getItems()
				.get(0)
				.getMetadata()
				.getName();
		}
	}

	static String kill(Instant at, String pod, String cmd) {
		return at + " {\"pid\":31337,\"cmdline\":\"" + cmd + "\",\"matched\":\"xmrig\",\"source\":\"execwhacker.bpf\","
				+ "\"labels\":{\"io.kubernetes.pod.name\":\"" + pod + "\",\"io.kubernetes.pod.namespace\":\"binder\","
				+ "\"io.kubernetes.container.name\":\"notebook\"},\"image\":\"quay.io/jupyter/base-notebook:latest\","
				+ "\"action\":\"killed\",\"event\":\"Killed process\",\"level\":\"info\",\"timestamp\":\"" + at
				+ "\"}\n";
	}

	List<String> binderKills() {
		return jdbc
			.sql("select a.username || '|' || r.hub from abuse_alerts a join abuse_reports r on r.id = a.report_id "
					+ "where a.source = 'cryptnono' and a.hub = 'hhmi/binder' and a.labels like '%31337%' order by a.starts_at")
			.query(String.class)
			.list();
	}

	@Test
	void killsBecomeAlertsOnceAndLinesWrittenLaterAreNotMissed() {
		InMemoryCluster hhmi = DemoRuntime.current().orElseThrow().cluster("hhmi");
		String agent = agentOf(hhmi);
		Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
		hhmi.appendLog("support", agent, "execwhacker",
				kill(first, "jupyter-anonymous-2d7f3a", "/tmp/xmrig -o pool:3333") + first.plusSeconds(1)
						+ " {\"pid\":1,\"cmdline\":\"half a line\n" + first.plusSeconds(2)
						+ " {\"level\":\"debug\",\"event\":\"scanning\"}\n");

		follower.poll();
		follower.poll();

		assertThat(binderKills()).containsExactly("anonymous-7f3a|hhmi/binder");

		hhmi.appendLog("support", agent, "execwhacker",
				kill(first.plusSeconds(60), "jupyter-anonymous-2d91c2", "./xmrig"));
		follower.poll();

		assertThat(binderKills()).containsExactly("anonymous-7f3a|hhmi/binder", "anonymous-91c2|hhmi/binder");
	}

	@Test
	void readingAgainFromTheStoredCursorOrFromScratchAddsNothing() {
		follower.poll();
		int before = jdbc.sql("select count(*) from abuse_alerts where source = 'cryptnono'")
			.query(Integer.class)
			.single();
		assertThat(jdbc.sql("select count(*) from cryptnono_cursors").query(Integer.class).single()).isPositive();

		// The follower keeps nothing in memory: after a restart it reads from the cursor
		// in the database.
		follower.poll();
		int afterResume = jdbc.sql("select count(*) from abuse_alerts where source = 'cryptnono'")
			.query(Integer.class)
			.single();
		// Even with the cursors lost, re-reading whole logs creates no duplicate: events
		// are keyed by content.
		jdbc.sql("delete from cryptnono_cursors").update();
		follower.poll();

		assertThat(afterResume).isEqualTo(before);
		assertThat(
				jdbc.sql("select count(*) from abuse_alerts where source = 'cryptnono'").query(Integer.class).single())
			.isEqualTo(before);
	}

	@Test
	void whatARestartedAgentWroteBeforeItsRestartIsStillRead() {
		InMemoryCluster nasa = DemoRuntime.current().orElseThrow().cluster("nasa-cryo");
		String agent = agentOf(nasa);
		follower.poll();
		Instant beforeRestart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
		nasa.appendPreviousLog("support", agent, "execwhacker",
				kill(beforeRestart, "jupyter-tsnow03", "./xmrig --restart-test").replace("\"binder\"", "\"prod\""));
		try (var client = nasa.client()) {
			client.pods().inNamespace("support").withName(agent).editStatus(pod -> {
				pod.getStatus()
					.setContainerStatuses(java.util.List
						.of(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName("execwhacker")
							.withRestartCount(1)
							.withReady(true)
							.build()));
				return pod;
			});
		}
		Eventually.within(Duration.ofSeconds(10), "the cluster cache sees the restart",
				() -> caches.forCluster("nasa-cryo")
					.orElseThrow().<io.fabric8.kubernetes.api.model.Pod>list(CryptnonoWatches.PODS, null)
					.stream()
					.filter(pod -> pod.getMetadata().getName().equals(agent))
					.flatMap(pod -> pod.getStatus().getContainerStatuses().stream())
					.anyMatch(container -> container.getRestartCount() == 1));

		follower.poll();

		assertThat(jdbc.sql(
				"select username || '|' || hub from abuse_alerts where source = 'cryptnono' and summary like '%restart-test%'")
			.query(String.class)
			.list()).containsExactly("tsnow03|nasa-cryo/prod");
	}

}
