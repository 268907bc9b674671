package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One informer per (cluster, kind) on the objects this installation owns, for exactly the
 * kinds that features declare: a cache of their actual state, and a signal (cluster,
 * namespace) whenever someone adds, edits or deletes one, so drift is repaired within
 * moments. An informer reconnects by itself after an outage.
 */
@Component
class OwnedObjectWatch {

	private static final Logger log = LoggerFactory.getLogger(OwnedObjectWatch.class);

	private final Map<Key, SharedIndexInformer<? extends HasMetadata>> informers = new ConcurrentHashMap<>();

	private final String instance;

	OwnedObjectWatch(ClusterProperties properties) {
		this.instance = properties.instance();
	}

	/**
	 * Starts watching a kind in a cluster (once); {@code changed} receives (cluster,
	 * namespace) of each event.
	 */
	void watch(String cluster, Class<? extends HasMetadata> kind, KubernetesClient client,
			BiConsumer<String, String> changed) {
		informers.computeIfAbsent(new Key(cluster, kind), key -> start(key, client, changed));
	}

	private <T extends HasMetadata> SharedIndexInformer<T> start(Key key, KubernetesClient client,
			BiConsumer<String, String> changed) {
		@SuppressWarnings("unchecked")
		Class<T> type = (Class<T>) key.kind();
		SharedIndexInformer<T> informer = client.resources(type)
			.inAnyNamespace()
			.withLabel(Ownership.MANAGED_BY, Ownership.FIELD_MANAGER)
			.withLabel(Ownership.INSTANCE, instance)
			.runnableInformer(0);
		informer.addEventHandler(new ResourceEventHandler<T>() {
			@Override
			public void onAdd(T object) {
				changed.accept(key.cluster(), object.getMetadata().getNamespace());
			}

			@Override
			public void onUpdate(T before, T after) {
				changed.accept(key.cluster(), after.getMetadata().getNamespace());
			}

			@Override
			public void onDelete(T object, boolean finalStateUnknown) {
				changed.accept(key.cluster(), object.getMetadata().getNamespace());
			}
		});
		informer.start().whenComplete((ignored, failure) -> {
			if (failure != null) {
				log.warn("watch of {} in cluster {} not started yet: {}", type.getSimpleName(), key.cluster(),
						failure.getMessage());
			}
		});
		return informer;
	}

	/**
	 * The cached object, when the cache of that kind in that cluster is synced and
	 * watching; empty when it is not (then ask the cluster).
	 */
	Optional<Optional<HasMetadata>> cached(String cluster, Class<? extends HasMetadata> kind, String namespace,
			String name) {
		return synced(cluster, kind)
			.map(informer -> Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name)));
	}

	/**
	 * Every owned object of a kind in a namespace, when the cache is synced and watching;
	 * empty when it is not (then nothing may be pruned).
	 */
	Optional<List<HasMetadata>> owned(String cluster, Class<? extends HasMetadata> kind, String namespace) {
		return synced(cluster, kind).map(informer -> informer.getStore()
			.list()
			.stream()
			.filter(object -> namespace == null || namespace.equals(object.getMetadata().getNamespace()))
			.map(object -> (HasMetadata) object)
			.toList());
	}

	private Optional<SharedIndexInformer<? extends HasMetadata>> synced(String cluster,
			Class<? extends HasMetadata> kind) {
		SharedIndexInformer<? extends HasMetadata> informer = informers.get(new Key(cluster, kind));
		if (informer == null || !informer.hasSynced() || !informer.isWatching()) {
			return Optional.empty();
		}
		return Optional.of(informer);
	}

	@PreDestroy
	void stop() {
		informers.values().forEach(SharedIndexInformer::stop);
		informers.clear();
	}

	private record Key(String cluster, Class<? extends HasMetadata> kind) {
	}

}
