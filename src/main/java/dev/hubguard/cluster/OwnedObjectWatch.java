package dev.hubguard.cluster;

import dev.hubguard.hub.CatalogueRefreshed;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One informer per (cluster, kind) on the objects this installation owns, for exactly the
 * kinds that features declare: a cache of their actual state, and a signal (cluster,
 * namespace) whenever someone adds, edits or deletes one, so drift is repaired within
 * moments. An informer reconnects by itself after an outage. Secrets are watched per hub
 * namespace instead (RBAC grants them there only), and a namespace's watch stops when its
 * hub leaves the catalogue for good.
 */
@Component
class OwnedObjectWatch {

	private static final Logger log = LoggerFactory.getLogger(OwnedObjectWatch.class);

	private final Map<Key, SharedIndexInformer<? extends HasMetadata>> informers = new ConcurrentHashMap<>();

	/** Kinds watched namespace by namespace rather than across the cluster. */
	static final Set<Class<? extends HasMetadata>> PER_NAMESPACE = Set.of(Secret.class);

	private final String instance;

	private final HubNamespaces hubNamespaces;

	OwnedObjectWatch(ClusterProperties properties, HubNamespaces hubNamespaces) {
		this.instance = properties.instance();
		this.hubNamespaces = hubNamespaces;
	}

	/**
	 * Starts watching a kind in a cluster (once; for Secrets, in the namespace of the
	 * object at hand); {@code changed} receives (cluster, namespace) of each event.
	 */
	void watch(String cluster, Class<? extends HasMetadata> kind, String namespace, KubernetesClient client,
			BiConsumer<String, String> changed) {
		informers.computeIfAbsent(Key.of(cluster, kind, namespace), key -> start(key, client, changed));
	}

	/**
	 * Stops the Secret watches of namespaces that no hub of the catalogue has any more.
	 */
	@EventListener(CatalogueRefreshed.class)
	void catalogueRefreshed() {
		Map<String, Set<String>> byCluster = new HashMap<>();
		informers.keySet().removeIf(key -> {
			if (key.namespace() == null
					|| byCluster.computeIfAbsent(key.cluster(), hubNamespaces::of).contains(key.namespace())) {
				return false;
			}
			SharedIndexInformer<? extends HasMetadata> gone = informers.get(key);
			if (gone != null) {
				gone.stop();
			}
			return true;
		});
	}

	private <T extends HasMetadata> SharedIndexInformer<T> start(Key key, KubernetesClient client,
			BiConsumer<String, String> changed) {
		@SuppressWarnings("unchecked")
		Class<T> type = (Class<T>) key.kind();
		var resources = client.resources(type);
		SharedIndexInformer<T> informer = (key.namespace() == null ? resources.inAnyNamespace()
				: resources.inNamespace(key.namespace()))
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
		return synced(Key.of(cluster, kind, namespace))
			.map(informer -> Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name)));
	}

	/**
	 * Every owned object of a kind in a namespace, when the cache is synced and watching;
	 * empty when it is not (then nothing may be pruned).
	 */
	Optional<List<HasMetadata>> owned(String cluster, Class<? extends HasMetadata> kind, String namespace) {
		return synced(Key.of(cluster, kind, namespace)).map(informer -> informer.getStore()
			.list()
			.stream()
			.filter(object -> namespace == null || namespace.equals(object.getMetadata().getNamespace()))
			.map(object -> (HasMetadata) object)
			.toList());
	}

	private Optional<SharedIndexInformer<? extends HasMetadata>> synced(Key key) {
		SharedIndexInformer<? extends HasMetadata> informer = key == null ? null : informers.get(key);
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

	/** {@code namespace} is null for a kind watched across the cluster. */
	private record Key(String cluster, Class<? extends HasMetadata> kind, String namespace) {

		/**
		 * The key for an object of a kind in a namespace; null when there can be none.
		 */
		static Key of(String cluster, Class<? extends HasMetadata> kind, String namespace) {
			if (!PER_NAMESPACE.contains(kind)) {
				return new Key(cluster, kind, null);
			}
			if (namespace == null) {
				throw new IllegalArgumentException(kind.getSimpleName() + " is watched per namespace: name one");
			}
			return new Key(cluster, kind, namespace);
		}

	}

}
