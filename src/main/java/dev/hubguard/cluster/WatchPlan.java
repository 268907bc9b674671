package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every store a cluster's cache keeps: the user server pods (declared here, read by
 * several features), what each feature declares, and, for each kind the reconciler
 * renders, a store that holds every owned object of the kind (a declared one when it
 * does, else one watching only owned objects). Equal declarations are one store.
 *
 * @param owned the store that holds every owned object, by kind
 */
record WatchPlan(Watch userPods, Set<Watch> watches, Map<Class<? extends HasMetadata>, Watch> owned) {

	static WatchPlan of(Collection<ClusterWatches> features, Collection<Class<? extends HasMetadata>> ownedKinds) {
		Watch userPods = new Watch(Pod.class, Watch.Scope.CLUSTER, null,
				Map.of(ClusterCache.USER_POD_LABEL, ClusterCache.USER_POD_VALUE), Set.of(), false);
		for (ClusterWatches feature : features) {
			for (String label : feature.notUserPods()) {
				userPods = userPods.without(label);
			}
		}
		Set<Watch> watches = new LinkedHashSet<>();
		watches.add(userPods);
		features.forEach(feature -> watches.addAll(feature.watches()));
		Map<Class<? extends HasMetadata>, Watch> owned = new LinkedHashMap<>();
		for (Class<? extends HasMetadata> kind : ownedKinds) {
			Watch holding = watches.stream()
				.filter(watch -> watch.kind() == kind && watch.holdsOwned())
				.findFirst()
				.orElse(Watch.owned(kind));
			watches.add(holding);
			owned.put(kind, holding);
		}
		return new WatchPlan(userPods, Set.copyOf(watches), Map.copyOf(owned));
	}

	/** The kinds watched, for metrics and RBAC checks. */
	List<Class<? extends HasMetadata>> kinds() {
		return watches.stream().<Class<? extends HasMetadata>>map(Watch::kind).distinct().toList();
	}

}
