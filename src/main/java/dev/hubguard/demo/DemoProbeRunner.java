package dev.hubguard.demo;

import dev.hubguard.isolation.IsolationWatches;
import dev.hubguard.egress.NetworkPolicyEnforcement;
import dev.hubguard.isolation.ProbeExpectations;
import dev.hubguard.isolation.ProbePod;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In demo mode, where no pod really runs: plays the kubelet and the network for the
 * isolation probe's pods. A cluster with a NetworkPolicy controller answers as its
 * policies decide; one without (the demo's {@code cloudbank}) lets every connection
 * through, as such a cluster does. The answer is written as the pod's log, and the pod is
 * marked Succeeded.
 */
@Component
@ConditionalOnProperty(name = "hubguard.demo.active", havingValue = "true")
class DemoProbeRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoProbeRunner.class);

	/** The demo clusters' API server service address. */
	static final String KUBERNETES_SERVICE = "10.96.0.1";

	private final List<KubernetesClient> clients = new ArrayList<>();

	private final List<Watch> watches = new ArrayList<>();

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		DemoRuntime.current().ifPresent(demo -> demo.clusters().values().forEach(this::watch));
	}

	private void watch(InMemoryCluster cluster) {
		KubernetesClient client = cluster.client();
		clients.add(client);
		watches
			.add(client.pods().inAnyNamespace().withLabel(IsolationWatches.PROBE_LABEL, "true").watch(new Watcher<>() {

				@Override
				public void eventReceived(Action action, Pod pod) {
					if (action == Action.ADDED) {
						try {
							answer(cluster, client, pod);
						}
						catch (RuntimeException ex) {
							log.warn("demo probe runner could not answer {}: {}", pod.getMetadata().getName(),
									ex.getMessage());
						}
					}
				}

				@Override
				public void onClose(WatcherException cause) {
				}

			}));
	}

	private void answer(InMemoryCluster cluster, KubernetesClient client, Pod pod) {
		String ns = pod.getMetadata().getNamespace();
		List<NetworkPolicy> policies = client.network().networkPolicies().inNamespace(ns).list().getItems();
		boolean enforced = NetworkPolicyEnforcement
			.detect(client.apps().daemonSets().inAnyNamespace().list().getItems())
			.isPresent();
		Map<String, String> userLabels = new HashMap<>(pod.getMetadata().getLabels());
		userLabels.keySet().removeIf(key -> key.startsWith("hubguard.dev/") || key.startsWith("app.kubernetes.io/"));
		StringBuilder json = new StringBuilder("{\"hubguardProbe\":1,\"results\":[");
		for (ProbePod.Target target : ProbePod.targetsOf(pod)) {
			String name = target.name();
			String host = target.host().equals("kubernetes") ? KUBERNETES_SERVICE : target.host();
			int port = target.port();
			boolean reached = !enforced || ProbeExpectations
				.verdict(policies, ns, pod.getMetadata().getLabels(), name, host, port,
						name.equals("other-user-server") ? userLabels : null)
				.allowed();
			json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
				.append("{\"target\":\"%s\",\"address\":\"%s\",\"port\":%d,\"reachable\":%s}".formatted(name, host,
						port, reached));
		}
		json.append("]}\n");
		cluster.appendLog(ns, pod.getMetadata().getName(), ProbePod.CONTAINER, json.toString());
		client.pods()
			.inNamespace(ns)
			.resource(new PodBuilder(pod).editOrNewStatus().withPhase("Succeeded").endStatus().build())
			.updateStatus();
	}

	@PreDestroy
	void stop() {
		watches.forEach(Watch::close);
		clients.forEach(KubernetesClient::close);
	}

}
