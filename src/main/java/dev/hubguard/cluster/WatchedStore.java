package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one store of a {@link Watch} in one cluster: an informer (one per hub namespace for
 * that scope) kept current by list and watch, plus the objects the reconciler saw the API
 * server return ({@link #observed}) until the watch delivers them, so that a reader never
 * sees an older version than the reconciler acted on. {@link #check} notices a watch that
 * died (disconnected, or no event and no bookmark for a long time) and lists again in a
 * new informer, which replaces the old one once it has synced.
 */
final class WatchedStore implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(WatchedStore.class);

	/** Told of every change the store's readers can see. */
	interface Listener {

		/** {@code fromWatch}: an informer event, not the reconciler's own apply. */
		void changed(WatchedStore store, HasMetadata before, HasMetadata after, boolean fromWatch);

		void relisted(WatchedStore store, String reason);

	}

	private final String cluster;

	private final Watch watch;

	private final InformerFactory informers;

	private final Clock clock;

	private final Listener listener;

	private final Map<String, WatchSlot> slots = new ConcurrentHashMap<>();

	private final Map<String, HasMetadata> observed = new ConcurrentHashMap<>();

	/**
	 * The last version of recently deleted objects, so that an apply's result that
	 * arrives after the watch delivered the deletion is not shown (bounded).
	 */
	private final Map<String, HasMetadata> deleted = java.util.Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, HasMetadata> eldest) {
				return size() > 10_000;
			}
		});

	private volatile boolean started;

	WatchedStore(String cluster, Watch watch, KubernetesClient client, String instance, Clock clock,
			Listener listener) {
		this.cluster = cluster;
		this.watch = watch;
		this.informers = new InformerFactory(client, watch, instance);
		this.clock = clock;
		this.listener = listener;
		if (watch.scope() != Watch.Scope.HUB_NAMESPACES) {
			slots.put("", new WatchSlot(watch.namespace()));
		}
	}

	Watch watch() {
		return watch;
	}

	String cluster() {
		return cluster;
	}

	synchronized void start() {
		started = true;
		slots.values().forEach(this::connect);
	}

	/** For the hub-namespace scope: watches exactly these namespaces. */
	synchronized void retain(Set<String> namespaces) {
		if (watch.scope() != Watch.Scope.HUB_NAMESPACES) {
			return;
		}
		for (String namespace : namespaces) {
			slots.computeIfAbsent(namespace, key -> {
				WatchSlot slot = new WatchSlot(key);
				if (started) {
					slot.lastHealthy = clock.instant();
					connect(slot);
				}
				return slot;
			});
		}
		slots.entrySet().removeIf(entry -> {
			if (namespaces.contains(entry.getKey())) {
				return false;
			}
			entry.getValue().stop();
			return true;
		});
	}

	private void connect(WatchSlot slot) {
		slot.informer = informer(slot);
		start(slot.informer, slot);
	}

	private SharedIndexInformer<HasMetadata> informer(WatchSlot slot) {
		SharedIndexInformer<HasMetadata> informer = informers.create(slot.namespace);
		informer.addEventHandler(new ResourceEventHandler<>() {
			@Override
			public void onAdd(HasMetadata object) {
				seen(slot, null, object);
			}

			@Override
			public void onUpdate(HasMetadata before, HasMetadata after) {
				seen(slot, before, after);
			}

			@Override
			public void onDelete(HasMetadata object, boolean finalStateUnknown) {
				seen(slot, object, null);
			}
		});
		return informer;
	}

	private void start(SharedIndexInformer<HasMetadata> informer, WatchSlot slot) {
		informer.exceptionHandler((running, failure) -> true);
		informer.start().whenComplete((ignored, failure) -> {
			if (failure != null) {
				log.warn("store {} of cluster {} not synced yet: {}", watch.describe(), cluster, failure.getMessage());
			}
			else {
				replace(slot, informer);
			}
		});
	}

	/**
	 * The new informer takes over once it has listed (its watch may still be starting, or
	 * refused: then its data is at least as new as the list).
	 */
	private synchronized void replace(WatchSlot slot, SharedIndexInformer<HasMetadata> informer) {
		if (informer != slot.pending || !informer.hasSynced()) {
			return;
		}
		SharedIndexInformer<HasMetadata> old = slot.informer;
		slot.informer = informer;
		slot.pending = null;
		slot.lastActivity = clock.instant();
		slot.lastHealthy = clock.instant();
		old.stop();
	}

	private void seen(WatchSlot slot, HasMetadata before, HasMetadata after) {
		slot.lastActivity = clock.instant();
		HasMetadata object = after != null ? after : before;
		String key = Cache.metaNamespaceKeyFunc(object);
		if (after == null) {
			deleted.put(key, before);
		}
		else {
			deleted.remove(key);
		}
		observed.computeIfPresent(key, (k, mine) -> ResourceVersions.atLeast(object, mine) ? null : mine);
		listener.changed(this, before, after, true);
	}

	/**
	 * The object as the API server returned it to the reconciler: readers see it (unless
	 * the store already holds a newer version) until the watch delivers it.
	 */
	void observed(HasMetadata object) {
		String namespace = object.getMetadata().getNamespace();
		WatchSlot slot = slot(namespace);
		if (slot == null || slot.informer == null) {
			return;
		}
		String key = Cache.metaNamespaceKeyFunc(object);
		HasMetadata current = get(namespace, object.getMetadata().getName());
		HasMetadata gone = deleted.get(key);
		if ((current != null && ResourceVersions.atLeast(current, object))
				|| (gone != null && ResourceVersions.atLeast(gone, object))) {
			return;
		}
		observed.put(key, object);
		listener.changed(this, current, object, false);
	}

	private WatchSlot slot(String namespace) {
		return watch.scope() == Watch.Scope.HUB_NAMESPACES ? (namespace == null ? null : slots.get(namespace))
				: slots.get("");
	}

	/**
	 * Whether the store of the namespace (any, for one watch) has synced and is watching.
	 */
	boolean synced(String namespace) {
		WatchSlot slot = slot(namespace);
		return slot != null && slot.healthy();
	}

	HasMetadata get(String namespace, String name) {
		WatchSlot slot = slot(namespace);
		if (slot == null || slot.informer == null) {
			return null;
		}
		String key = namespace == null ? name : namespace + "/" + name;
		HasMetadata mine = observed.get(key);
		return mine != null ? mine : slot.informer.getStore().getByKey(key);
	}

	/** The objects of a namespace ({@code null}: all). */
	List<HasMetadata> list(String namespace) {
		List<HasMetadata> stored = new ArrayList<>();
		for (WatchSlot slot : namespace == null ? slots.values()
				: Optional.ofNullable(slot(namespace)).stream().toList()) {
			SharedIndexInformer<HasMetadata> informer = slot.informer;
			if (informer != null) {
				stored.addAll(namespace == null ? informer.getStore().list()
						: informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace));
			}
		}
		if (observed.isEmpty()) {
			return stored;
		}
		Map<String, HasMetadata> byKey = new LinkedHashMap<>();
		stored.forEach(object -> byKey.put(Cache.metaNamespaceKeyFunc(object), object));
		observed.forEach((key, object) -> {
			if (namespace == null || namespace.equals(object.getMetadata().getNamespace())) {
				byKey.put(key, object);
			}
		});
		return List.copyOf(byKey.values());
	}

	/**
	 * How old the data is: zero while every informer has synced and is watching (however
	 * quiet), else the time since one last was; empty while one has never synced.
	 */
	Optional<Duration> age(Instant now) {
		Duration oldest = Duration.ZERO;
		for (WatchSlot slot : slots.values()) {
			if (slot.healthy()) {
				slot.lastHealthy = now;
			}
			else if (slot.lastHealthy == null) {
				return Optional.empty();
			}
			else if (Duration.between(slot.lastHealthy, now).compareTo(oldest) > 0) {
				oldest = Duration.between(slot.lastHealthy, now);
			}
		}
		return Optional.of(oldest);
	}

	/**
	 * Lists again, in a new informer, where the watch has been disconnected for
	 * {@code disconnected} or has had no event and no bookmark for {@code quiet}.
	 */
	void check(Instant now, Duration disconnected, Duration quiet) {
		forgetPassedObservations();
		for (WatchSlot slot : slots.values()) {
			SharedIndexInformer<HasMetadata> pending = slot.pending;
			if (pending != null) {
				replace(slot, pending);
			}
			String reason = slot.check(now, disconnected, quiet);
			if (reason != null && slot.pending == null && started) {
				log.info("store {} of cluster {} {}: listing it again", watch.describe(), cluster, reason);
				listener.relisted(this, reason);
				slot.pending = informer(slot);
				start(slot.pending, slot);
			}
		}
	}

	/**
	 * Drops every object the reconciler saw whose version its informer has since listed
	 * or watched past: the informer's store is then the truth, also when it no longer
	 * holds the object (deleted, or edited out of the watch's selection, while the watch
	 * was cut: the list that followed has no event for an object the store never held),
	 * and the listener is told so that the reconciler looks again.
	 */
	private void forgetPassedObservations() {
		for (Map.Entry<String, HasMetadata> entry : observed.entrySet()) {
			HasMetadata mine = entry.getValue();
			WatchSlot slot = slot(mine.getMetadata().getNamespace());
			SharedIndexInformer<HasMetadata> informer = slot == null ? null : slot.informer;
			if (informer == null || !ResourceVersions.passed(informer.lastSyncResourceVersion(), mine)
					|| !observed.remove(entry.getKey(), mine)) {
				continue;
			}
			HasMetadata stored = informer.getStore().getByKey(entry.getKey());
			if (stored == null || !ResourceVersions.atLeast(stored, mine)) {
				listener.changed(this, mine, stored, true);
			}
		}
	}

	@Override
	public synchronized void close() {
		slots.values().forEach(WatchSlot::stop);
		started = false;
	}

}
