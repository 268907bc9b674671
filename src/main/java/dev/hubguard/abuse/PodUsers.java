package dev.hubguard.abuse;

import dev.hubguard.cluster.ClusterCaches;
import io.fabric8.kubernetes.api.model.Pod;
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
 * scheme the hub's live pods showed, where that scheme is reversible. Live pods come from
 * the cluster cache, so intake never waits on a cluster. Answers (found or not) are
 * cached for a while.
 */
@Component
class PodUsers {

	private static final Duration TTL = Duration.ofMinutes(10);

	private static final int MAX_ENTRIES = 50_000;

	private final ClusterCaches caches;

	private final PodUsernames recorded;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	PodUsers(ClusterCaches caches, PodUsernames recorded, Clock clock) {
		this.caches = caches;
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
			found = live(cluster, namespace, pod);
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

	/**
	 * The annotation of the running pod, from the cluster cache (no API request),
	 * recorded on the way; empty when gone or not cached yet.
	 */
	private Optional<String> live(String cluster, String namespace, String pod) {
		Optional<Pod> running = caches.forCluster(cluster).flatMap(cache -> cache.userPod(namespace, pod));
		if (running.isEmpty() || running.get().getMetadata().getAnnotations() == null) {
			return Optional.empty();
		}
		recorded.seen(cluster, List.of(running.get()));
		return Optional
			.ofNullable(Text.cleanOrNull(running.get().getMetadata().getAnnotations().get(PodUsernames.ANNOTATION)));
	}

	private record Cached(String username, Instant until) {
	}

}
