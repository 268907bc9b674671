package dev.hubguard.abuse;

import dev.hubguard.cluster.ClusterClients;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Maps a user pod to its JupyterHub user through the pod annotation
 * {@code hub.jupyter.org/username}. Answers (found or not) are cached for a while; an
 * unreachable cluster gives no answer and is not cached.
 */
@Component
class PodUsers {

	static final String ANNOTATION = "hub.jupyter.org/username";

	private static final Duration TTL = Duration.ofMinutes(10);

	private static final int MAX_ENTRIES = 50_000;

	private final ClusterClients clients;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	/**
	 * Clusters that just failed a lookup: not asked again for a while, so intake never
	 * queues behind them.
	 */
	private final Map<String, Instant> failing = new ConcurrentHashMap<>();

	private static final Duration BACK_OFF = Duration.ofSeconds(30);

	PodUsers(ClusterClients clients, Clock clock) {
		this.clients = clients;
		this.clock = clock;
	}

	Optional<String> username(String cluster, String namespace, String pod) {
		if (cluster == null || namespace == null || pod == null || !pod.startsWith("jupyter-")) {
			return Optional.empty();
		}
		String key = cluster + "/" + namespace + "/" + pod;
		Instant now = clock.instant();
		Cached cached = cache.get(key);
		if (cached != null && cached.until().isAfter(now)) {
			return Optional.ofNullable(cached.username());
		}
		var client = clients.forCluster(cluster);
		Instant failedAt = failing.get(cluster);
		if (client.isEmpty() || (failedAt != null && failedAt.plus(BACK_OFF).isAfter(now))) {
			return Optional.empty();
		}
		try {
			Optional<String> found = client.map(c -> c.pods().inNamespace(namespace).withName(pod).get())
				.map(Pod::getMetadata)
				.map(metadata -> metadata.getAnnotations() == null ? null : metadata.getAnnotations().get(ANNOTATION));
			if (cache.size() > MAX_ENTRIES) {
				cache.clear();
			}
			cache.put(key, new Cached(found.orElse(null), now.plus(TTL)));
			return found;
		}
		catch (KubernetesClientException ex) {
			failing.put(cluster, now);
			return Optional.empty();
		}
	}

	private record Cached(String username, Instant until) {
	}

}
