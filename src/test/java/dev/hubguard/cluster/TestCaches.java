package dev.hubguard.cluster;

import dev.hubguard.abuse.CryptnonoWatches;
import dev.hubguard.egress.EgressWatches;
import dev.hubguard.isolation.IsolationWatches;
import dev.hubguard.secrets.SecretWatches;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A cluster cache with the stores the portal's features declare, for tests of its own.
 */
final class TestCaches {

	private TestCaches() {
	}

	static WatchPlan plan() {
		return WatchPlan.of(
				List.of(new EgressWatches(), new IsolationWatches(), new CryptnonoWatches(), new SecretWatches()),
				List.of(NetworkPolicy.class, Secret.class));
	}

	static ClusterCache cache(String name, KubernetesClient client, Set<String> hubNamespaces) {
		return cache(name, client, hubNamespaces, (cluster, namespace) -> {
		});
	}

	static ClusterCache cache(String name, KubernetesClient client, Set<String> hubNamespaces,
			BiConsumer<String, String> ownedChanged) {
		return new ClusterCache(name, client, "default", Clock.systemUTC(), plan(), hubNamespaces, ownedChanged);
	}

}
