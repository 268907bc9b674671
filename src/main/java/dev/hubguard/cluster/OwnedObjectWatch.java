package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One informer per cluster on the NetworkPolicies Hubguard owns: a cache of their actual
 * state, and a signal (cluster, namespace) whenever someone adds, edits or deletes one,
 * so drift is repaired within moments. The informer reconnects by itself after an outage.
 */
@Component
class OwnedObjectWatch {

	private static final Logger log = LoggerFactory.getLogger(OwnedObjectWatch.class);

	private final Map<String, SharedIndexInformer<NetworkPolicy>> informers = new ConcurrentHashMap<>();

	/**
	 * Starts watching a cluster (once); {@code changed} receives (cluster, namespace) of
	 * each event.
	 */
	void watch(String cluster, KubernetesClient client, BiConsumer<String, String> changed) {
		informers.computeIfAbsent(cluster, name -> {
			SharedIndexInformer<NetworkPolicy> informer = client.network()
				.v1()
				.networkPolicies()
				.inAnyNamespace()
				.withLabel(Ownership.MANAGED_BY, Ownership.FIELD_MANAGER)
				.runnableInformer(0);
			informer.addEventHandler(new ResourceEventHandler<>() {
				@Override
				public void onAdd(NetworkPolicy policy) {
					changed.accept(name, policy.getMetadata().getNamespace());
				}

				@Override
				public void onUpdate(NetworkPolicy before, NetworkPolicy after) {
					changed.accept(name, after.getMetadata().getNamespace());
				}

				@Override
				public void onDelete(NetworkPolicy policy, boolean finalStateUnknown) {
					changed.accept(name, policy.getMetadata().getNamespace());
				}
			});
			informer.start().whenComplete((ignored, failure) -> {
				if (failure != null) {
					log.warn("watch of cluster {} not started yet: {}", name, failure.getMessage());
				}
			});
			return informer;
		});
	}

	/**
	 * The cached object, when the cluster's cache is synced; empty when it is not (then
	 * ask the cluster).
	 */
	Optional<Optional<NetworkPolicy>> cached(String cluster, String namespace, String name) {
		SharedIndexInformer<NetworkPolicy> informer = informers.get(cluster);
		if (informer == null || !informer.hasSynced() || !informer.isWatching()) {
			return Optional.empty();
		}
		return Optional.of(Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name)));
	}

	@PreDestroy
	void stop() {
		informers.values().forEach(SharedIndexInformer::stop);
		informers.clear();
	}

}
