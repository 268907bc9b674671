package dev.hubguard.egress;

import dev.hubguard.cluster.ClusterClients;
import dev.hubguard.cluster.Ownership;
import dev.hubguard.hub.CatalogueHub;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Evaluates, with Kubernetes semantics, what a hub's user servers may reach given every
 * NetworkPolicy in the hub's namespace, and whether a restriction chosen here can take
 * effect at all.
 */
@Service
public class EffectiveAccess {

	private final ClusterClients clients;

	private final Clock clock;

	EffectiveAccess(ClusterClients clients, Clock clock) {
		this.clients = clients;
		this.clock = clock;
	}

	public EffectiveAccessReport evaluate(CatalogueHub hub) {
		Optional<KubernetesClient> client = clients.forCluster(hub.ref().cluster());
		if (client.isEmpty()) {
			return failed(hub, "The cluster " + hub.ref().cluster() + " is not in the catalogue.");
		}
		try {
			List<NetworkPolicy> policies = client.get()
				.network()
				.v1()
				.networkPolicies()
				.inNamespace(hub.namespace())
				.list()
				.getItems();
			Map<String, String> podLabels = StandardProbes.singleuserPodLabels(hub.helmRelease());
			List<Destination> probes = StandardProbes.forHub(hub.namespace(), hub.helmRelease());
			List<EffectiveAccessReport.Row> rows = EgressEvaluator
				.evaluate(policies, hub.namespace(), podLabels, probes)
				.stream()
				.map(v -> new EffectiveAccessReport.Row(v.destination().key(), v.destination().label(), v.allowed(),
						v.policy(), v.rule(), v.reason()))
				.toList();
			List<NetworkPolicy> notOurs = policies.stream().filter(p -> !ownedByHubguard(p)).toList();
			Verdict chart = EgressEvaluator.evaluate(notOurs, hub.namespace(), podLabels, probes)
				.stream()
				.filter(v -> v.destination().key().equals("public-22"))
				.findFirst()
				.orElseThrow();
			boolean chartOpens = chart.allowed();
			return new EffectiveAccessReport(hub.ref().toString(), rows, chartOpens ? nameOr(chart.policy()) : null,
					chartOpens ? chart.rule() : null, NetworkPolicyEnforcement.detect(client.get()).orElse(null), null,
					clock.instant());
		}
		catch (KubernetesClientException ex) {
			return failed(hub, "The cluster could not be read: "
					+ (ex.getCode() > 0 ? "API server answered " + ex.getCode() : "unreachable") + ".");
		}
	}

	private static String nameOr(String policy) {
		return policy == null ? "(no policy isolates user servers)" : policy;
	}

	private static boolean ownedByHubguard(NetworkPolicy policy) {
		Map<String, String> labels = policy.getMetadata().getLabels();
		return labels != null && Ownership.FIELD_MANAGER.equals(labels.get(Ownership.MANAGED_BY));
	}

	private EffectiveAccessReport failed(CatalogueHub hub, String error) {
		return new EffectiveAccessReport(hub.ref().toString(), List.of(), null, null, null, error, clock.instant());
	}

}
