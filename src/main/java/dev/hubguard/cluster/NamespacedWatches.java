package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One informer per namespace, for a kind that RBAC grants namespace by namespace
 * (Secrets, in hub namespaces only): a watch across all namespaces would be refused. The
 * set of namespaces follows the catalogue: {@link #retain} starts the new and stops the
 * gone.
 */
final class NamespacedWatches<T extends HasMetadata> implements AutoCloseable {

	private final String cluster;

	private final Function<String, SharedIndexInformer<T>> informerFor;

	private final Map<String, SharedIndexInformer<T>> informers = new ConcurrentHashMap<>();

	private volatile boolean started;

	/**
	 * @param informerFor a new, not yet started informer for a namespace
	 */
	NamespacedWatches(String cluster, Function<String, SharedIndexInformer<T>> informerFor) {
		this.cluster = cluster;
		this.informerFor = informerFor;
	}

	/** Starts the informers, and from now on each one added. */
	synchronized void start() {
		started = true;
		informers.values().forEach(informer -> ClusterCache.start(informer, cluster));
	}

	/** The informer of a namespace, added (and started, once started) if new. */
	synchronized SharedIndexInformer<T> add(String namespace) {
		return informers.computeIfAbsent(namespace, key -> {
			SharedIndexInformer<T> informer = informerFor.apply(key);
			if (started) {
				ClusterCache.start(informer, cluster);
			}
			return informer;
		});
	}

	/** Watches exactly these namespaces. */
	synchronized void retain(Set<String> namespaces) {
		namespaces.forEach(this::add);
		informers.keySet().removeIf(namespace -> {
			if (namespaces.contains(namespace)) {
				return false;
			}
			informers.get(namespace).stop();
			return true;
		});
	}

	Optional<SharedIndexInformer<T>> in(String namespace) {
		return Optional.ofNullable(informers.get(namespace));
	}

	/** The objects of a namespace; none for a namespace not watched. */
	List<T> list(String namespace) {
		return in(namespace).map(informer -> informer.getStore().list()).orElse(List.of());
	}

	Collection<SharedIndexInformer<T>> informers() {
		return List.copyOf(informers.values());
	}

	Set<String> namespaces() {
		return Set.copyOf(informers.keySet());
	}

	@Override
	public synchronized void close() {
		informers.values().forEach(SharedIndexInformer::stop);
		informers.clear();
		started = false;
	}

}
