package dev.hubguard.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * cryptnono's node agents in each demo cluster, with a few log lines of the kind a real
 * one writes.
 */
final class DemoCryptnono {

	private DemoCryptnono() {
	}

	static void seed(InMemoryCluster cluster, DemoHubs.DemoCluster spec) {
		String agent = "cryptnono-" + Integer.toHexString(spec.name().hashCode() & 0xfffff);
		try (KubernetesClient client = cluster.client()) {
			client.pods()
				.inNamespace("support")
				.resource(Z2jhObjects.cryptnonoAgent(agent, "gke-" + spec.name() + "-user-pool-5f2a1c9e-k8q2"))
				.create();
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		StringBuilder exec = new StringBuilder();
		exec.append(line(now.minus(Duration.ofHours(30)),
				"{\"event\":\"Started\",\"level\":\"info\",\"config\":\"/etc/cryptnono/execwhacker.d\"}"));
		StringBuilder monero = new StringBuilder();
		switch (spec.name()) {
			case "2i2c" -> {
				exec.append(kill(now.minus(Duration.ofHours(26)), "mtu", "jupyter-student1-40mtu-2eexample", "killed",
						"/tmp/.x/xmrig -o pool.supportxmr.com:3333 -u 4Ab… --donate-level 1", "xmrig"));
				exec.append(kill(now.minus(Duration.ofHours(2)), "mtu", "jupyter-student1-40mtu-2eexample", "killed",
						"./cpuminer-opt -a yespower -o stratum+tcp://pool.example:6234", "stratum+tcp"));
			}
			case "hhmi" -> exec.append(kill(now.minus(Duration.ofHours(5)), "spyglass", "jupyter-neuro-2dlab",
					"missed-kill", "python3 -c 'import xmrig_wrapper'", "xmrig"));
			case "cloudbank" -> monero.append(line(now.minus(Duration.ofHours(3)),
					"[" + now.minus(Duration.ofHours(3)).toString().replace("Z", "+0000")
							+ "] killed pid:48213 fpcr:0 cmd:./xmr-stak --noTest"));
			default -> {
			}
		}
		cluster.appendLog("support", agent, "execwhacker", exec.toString());
		cluster.appendLog("support", agent, "monero", monero.toString());
	}

	private static String kill(Instant at, String namespace, String pod, String action, String cmdline,
			String matched) {
		String json = "{\"pid\":" + (at.getEpochSecond() % 90000 + 1000) + ",\"cmdline\":\""
				+ cmdline.replace("\"", "\\\"") + "\",\"matched\":\"" + matched
				+ "\",\"source\":\"execwhacker.bpf\",\"labels\":{\"io.kubernetes.pod.name\":\"" + pod
				+ "\",\"io.kubernetes.pod.namespace\":\"" + namespace
				+ "\",\"io.kubernetes.container.name\":\"notebook\"},\"image\":\"quay.io/jupyter/scipy-notebook:2024-05-27\","
				+ "\"action\":\"" + action + "\",\"event\":\"Killed process\",\"level\":\"info\",\"timestamp\":\"" + at
				+ "\"}";
		return line(at, json);
	}

	private static String line(Instant at, String text) {
		return at + " " + text + "\n";
	}

}
