package dev.hubguard.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts one in-memory API server per demo cluster, seeds it like a real Z2JH cluster,
 * writes a kubeconfig.
 */
final class DemoClusters {

	private DemoClusters() {
	}

	static Map<String, InMemoryCluster> start(List<DemoHubs.DemoCluster> clusters) {
		Map<String, InMemoryCluster> started = new LinkedHashMap<>();
		for (DemoHubs.DemoCluster cluster : clusters) {
			InMemoryCluster running = InMemoryCluster.start(cluster.name());
			try (KubernetesClient client = running.client()) {
				seed(client, cluster);
				DemoSecretsWiring.wire(client, cluster);
			}
			DemoCryptnono.seed(running, cluster);
			DemoIsolation.placeAgents(running);
			started.put(cluster.name(), running);
		}
		return started;
	}

	static Path writeKubeconfig(Path dir, Map<String, InMemoryCluster> clusters) {
		Map<String, String> servers = new LinkedHashMap<>();
		clusters.forEach((name, cluster) -> servers.put(name, cluster.url()));
		Path file = dir.resolve("kubeconfig");
		try {
			Files.createDirectories(dir);
			Files.writeString(file, Kubeconfig.of(servers));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	private static void seed(KubernetesClient client, DemoHubs.DemoCluster cluster) {
		client.namespaces().resource(Z2jhObjects.namespace("kube-system")).create();
		client.namespaces().resource(Z2jhObjects.namespace("support")).create();
		client.apps().daemonSets().inNamespace("support").resource(Z2jhObjects.cryptnono()).create();
		if (!cluster.name().equals("cloudbank")) {
			// cloudbank is the demo's cluster without a NetworkPolicy controller: its
			// policies are not enforced.
			client.apps().daemonSets().inNamespace("kube-system").resource(Z2jhObjects.calicoNode()).create();
		}
		for (DemoHubs.DemoHub hub : cluster.hubs()) {
			String ns = hub.name();
			client.namespaces().resource(Z2jhObjects.namespace(ns)).create();
			client.network()
				.networkPolicies()
				.inNamespace(ns)
				.resource(Z2jhObjects.singleuserPolicy(ns, hub.openInternet()))
				.create();
			client.pods().inNamespace(ns).resource(Z2jhObjects.hubPod(ns)).create();
			client.pods().inNamespace(ns).resource(Z2jhObjects.proxyPod(ns)).create();
			for (String user : hub.runningUsers()) {
				client.pods().inNamespace(ns).resource(DemoIsolation.userPod(cluster.name(), ns, user)).create();
			}
		}
		DemoIsolation.seed(client, cluster);
	}

}
