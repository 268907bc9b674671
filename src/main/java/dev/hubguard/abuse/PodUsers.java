package dev.hubguard.abuse;

import dev.hubguard.cluster.ClusterClients;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Maps a user pod to its JupyterHub user: the user recorded when the pod was seen (kept
 * 30 days, so a killed or culled pod still maps), else the live pod's
 * {@code hub.jupyter.org/username} annotation, else its name read back under the naming
 * scheme the hub's live pods showed, where that scheme is reversible. Answers (found or
 * not) are cached for a while; an unreachable cluster is not asked again for a moment.
 */
@Component
class PodUsers {

	private static final Duration TTL = Duration.ofMinutes(10);

	private static final int MAX_ENTRIES = 50_000;

	private static final Duration BACK_OFF = Duration.ofSeconds(30);

	private final ClusterClients clients;

	private final PodUsernames recorded;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	/**
	 * Clusters that just failed a lookup: not asked again for a while, so intake never
	 * queues behind them.
	 */
	private final Map<String, Instant> failing = new ConcurrentHashMap<>();

	PodUsers(ClusterClients clients, PodUsernames recorded, Clock clock) {
		this.clients = clients;
		this.recorded = recorded;
		this.clock = clock;
	}

	Optional<String> username(String cluster, String namespace, String pod) {
		if (cluster == null || namespace == null || pod == null) {
			return Optional.empty();
		}
		String key = cluster + "/" + namespace + "/" + pod;
		Instant now = clock.instant();
		Cached cached = cache.get(key);
		if (cached != null && cached.until().isAfter(now)) {
			return Optional.ofNullable(cached.username());
		}
		Optional<String> found = recorded.recorded(cluster, namespace, pod);
		if (found.isEmpty() && pod.startsWith(PodNames.PREFIX)) {
			found = live(cluster, namespace, pod, now);
			if (found.isEmpty()) {
				found = PodNames.username(pod, recorded.scheme(cluster, namespace).orElse(null));
			}
		}
		if (cache.size() > MAX_ENTRIES) {
			cache.clear();
		}
		cache.put(key, new Cached(found.orElse(null), now.plus(TTL)));
		return found;
	}

	/** The annotation of the running pod, recorded on the way; empty when gone. */
	private Optional<String> live(String cluster, String namespace, String pod, Instant now) {
		var client = clients.forCluster(cluster);
		Instant failedAt = failing.get(cluster);
		if (client.isEmpty() || (failedAt != null && failedAt.plus(BACK_OFF).isAfter(now))) {
			return Optional.empty();
		}
		try {
			Pod running = client.get().pods().inNamespace(namespace).withName(pod).get();
			if (running == null || running.getMetadata() == null || running.getMetadata().getAnnotations() == null) {
				return Optional.empty();
			}
			recorded.seen(cluster, List.of(running));
			return Optional
				.ofNullable(Text.cleanOrNull(running.getMetadata().getAnnotations().get(PodUsernames.ANNOTATION)));
		}
		catch (KubernetesClientException ex) {
			failing.put(cluster, now);
			return Optional.empty();
		}
	}

	private record Cached(String username, Instant until) {
	}

}
