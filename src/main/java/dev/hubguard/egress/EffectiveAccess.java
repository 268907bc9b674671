package dev.hubguard.egress;

import dev.hubguard.cluster.CacheState;
import dev.hubguard.cluster.ClusterCache;
import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.cluster.Ownership;
import dev.hubguard.hub.CatalogueHub;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Evaluates, with Kubernetes semantics, what a hub's user servers may reach given every
 * NetworkPolicy in the hub's namespace (from the cluster cache), and whether a
 * restriction chosen here can take effect at all.
 */
@Service
public class EffectiveAccess {

	private final ClusterCaches caches;

	private final Clock clock;

	EffectiveAccess(ClusterCaches caches, Clock clock) {
		this.caches = caches;
		this.clock = clock;
	}

	/**
	 * Reads the cluster's cache only (no API request): a cluster still syncing gives no
	 * verdicts, one that is cut off gives the last known ones, marked with their age.
	 */
	public EffectiveAccessReport evaluate(CatalogueHub hub) {
		Optional<ClusterCache> cache = caches.forCluster(hub.ref().cluster());
		if (cache.isEmpty()) {
			return failed(hub, "The cluster " + hub.ref().cluster() + " is not in the catalogue.");
		}
		CacheState state = cache.get().state();
		if (state.status() == CacheState.Status.SYNCING) {
			return failed(hub, "Hubguard is still reading the cluster " + hub.ref().cluster()
					+ " (first sync, or the cluster has not answered yet); try again in a moment.");
		}
		List<NetworkPolicy> policies = cache.get().list(EgressWatches.POLICIES, hub.namespace());
		List<Destination> probes = StandardProbes.forHub(hub.namespace(), hub.helmRelease());
		List<EffectiveAccessReport.Row> rows = forUserServers(hub, policies, probes).stream()
			.map(v -> new EffectiveAccessReport.Row(v.destination().key(), v.destination().label(), v.allowed(),
					v.policy(), v.rule(), v.reason()))
			.toList();
		List<NetworkPolicy> notOurs = policies.stream().filter(p -> !Ownership.managedByHubguard(p)).toList();
		Verdict chart = forUserServers(hub, notOurs, probes).stream()
			.filter(v -> v.destination().key().equals("public-22"))
			.findFirst()
			.orElseThrow();
		boolean chartOpens = chart.allowed();
		String stale = state.status() == CacheState.Status.UNREACHABLE ? state.staleness(clock.instant())
				+ ": Hubguard's view of the cluster " + hub.ref().cluster() + " is cut off now." : null;
		return new EffectiveAccessReport(hub.ref().toString(), rows, chartOpens ? nameOr(chart.policy()) : null,
				chartOpens ? chart.rule() : null,
				NetworkPolicyEnforcement.detect(cache.get().list(EgressWatches.DAEMON_SETS, null)).orElse(null), stale,
				state.dataFrom() == null ? clock.instant() : state.dataFrom());
	}

	/**
	 * The NetworkPolicies of the hub's namespace from its cluster's cache; empty while
	 * Hubguard has no synced view of that cluster.
	 */
	Optional<List<NetworkPolicy>> cachedPolicies(CatalogueHub hub) {
		return caches.forCluster(hub.ref().cluster())
			.filter(cache -> cache.state().status() != CacheState.Status.SYNCING)
			.map(cache -> cache.list(EgressWatches.POLICIES, hub.namespace()));
	}

	/**
	 * What the hub's user servers (the chart's labels) may reach of {@code destinations}.
	 */
	static List<Verdict> forUserServers(CatalogueHub hub, List<NetworkPolicy> policies,
			List<Destination> destinations) {
		return EgressEvaluator.evaluate(policies, hub.namespace(),
				StandardProbes.singleuserPodLabels(hub.helmRelease()), destinations);
	}

	private static String nameOr(String policy) {
		return policy == null ? "(no policy isolates user servers)" : policy;
	}

	private EffectiveAccessReport failed(CatalogueHub hub, String error) {
		return new EffectiveAccessReport(hub.ref().toString(), List.of(), null, null, null, error, clock.instant());
	}

}
