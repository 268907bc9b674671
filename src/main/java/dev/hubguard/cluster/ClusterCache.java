package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * What every feature and the reconciler read of one cluster: one store per {@link Watch}
 * ({@link WatchPlan}), kept current by informers, so pages, checks and drift repair read
 * the same memory and the API requests made do not grow with page views or pods. Pods are
 * kept in {@link PodReduction reduced form}, read-only; Secrets are watched only where a
 * feature declares it (Hubguard's own, in hub namespaces, one watch each: RBAC grants
 * them there and nowhere else).
 */
public final class ClusterCache implements AutoCloseable {

	public static final String USER_POD_LABEL = "component";

	public static final String USER_POD_VALUE = "singleuser-server";

	private final String name;

	private final Clock clock;

	private final String instance;

	private final WatchPlan plan;

	private final Map<Watch, WatchedStore> stores = new LinkedHashMap<>();

	private final BiConsumer<String, String> ownedChanged;

	private final AtomicLong changes = new AtomicLong();

	private final AtomicLong ownedChanges = new AtomicLong();

	private final AtomicLong relists = new AtomicLong();

	private volatile Instant lastHealthy;

	/**
	 * @param ownedChanged told (cluster, namespace) when the watch sees an owned object
	 * added, changed or deleted
	 */
	ClusterCache(String name, KubernetesClient client, String instance, Clock clock, WatchPlan plan,
			Set<String> hubNamespaces, BiConsumer<String, String> ownedChanged) {
		this.name = name;
		this.clock = clock;
		this.instance = instance;
		this.plan = plan;
		this.ownedChanged = ownedChanged;
		WatchedStore.Listener listener = new WatchedStore.Listener() {
			@Override
			public void changed(WatchedStore store, HasMetadata before, HasMetadata after, boolean fromWatch) {
				ClusterCache.this.changed(store, before, after, fromWatch);
			}

			@Override
			public void relisted(WatchedStore store, String reason) {
				relists.incrementAndGet();
			}
		};
		for (Watch watch : plan.watches()) {
			WatchedStore store = new WatchedStore(name, watch, client, instance, clock, listener);
			store.retain(hubNamespaces);
			stores.put(watch, store);
		}
	}

	/** Starts every informer; each retries on its own until its cluster answers. */
	void start() {
		stores.values().forEach(WatchedStore::start);
	}

	/** Watches the hub-namespace stores in exactly these namespaces. */
	void watchHubNamespaces(Set<String> hubNamespaces) {
		stores.values().forEach(store -> store.retain(hubNamespaces));
	}

	private void changed(WatchedStore store, HasMetadata before, HasMetadata after, boolean fromWatch) {
		changes.incrementAndGet();
		Watch watch = store.watch();
		if (!watch.equals(plan.owned().get(watch.kind()))) {
			return;
		}
		boolean owned = (before != null && Ownership.ownedBy(before, instance))
				|| (after != null && Ownership.ownedBy(after, instance));
		if (owned) {
			ownedChanges.incrementAndGet();
			if (fromWatch) {
				HasMetadata object = after != null ? after : before;
				ownedChanged.accept(name, object.getMetadata().getNamespace());
			}
		}
	}

	public String name() {
		return name;
	}

	/**
	 * How trustworthy the data is: current (every store synced and watching, or cut off
	 * for at most {@link CacheState#STALE_AFTER}); still syncing; or older, with the time
	 * it is from.
	 */
	public CacheState state() {
		Instant now = clock.instant();
		Duration oldest = Duration.ZERO;
		for (WatchedStore store : stores.values()) {
			Optional<Duration> age = store.age(now);
			if (age.isEmpty()) {
				return lastHealthy == null ? new CacheState(CacheState.Status.SYNCING, null)
						: new CacheState(CacheState.Status.UNREACHABLE, lastHealthy);
			}
			oldest = age.get().compareTo(oldest) > 0 ? age.get() : oldest;
		}
		Instant dataFrom = now.minus(oldest);
		lastHealthy = dataFrom;
		return new CacheState(
				oldest.compareTo(CacheState.STALE_AFTER) > 0 ? CacheState.Status.UNREACHABLE : CacheState.Status.SYNCED,
				dataFrom);
	}

	/** Every store with the age of its data (empty while it first syncs). */
	public List<StoreAge> stores() {
		Instant now = clock.instant();
		return stores.values()
			.stream()
			.map(store -> new StoreAge(name, store.watch().kind().getSimpleName(), store.watch().describe(),
					store.age(now).orElse(null)))
			.toList();
	}

	/** The user server pods of a namespace (reduced form). */
	public List<Pod> userPods(String namespace) {
		return list(plan.userPods(), namespace);
	}

	/** Every user server pod of the cluster (reduced form). */
	public List<Pod> userPods() {
		return list(plan.userPods(), null);
	}

	public Optional<Pod> userPod(String namespace, String pod) {
		return Optional.ofNullable((Pod) store(plan.userPods()).get(namespace, pod));
	}

	/**
	 * The objects of a declared watch in one namespace ({@code null}: all namespaces, and
	 * the cluster-scoped kinds).
	 */
	@SuppressWarnings("unchecked")
	public <T extends HasMetadata> List<T> list(Watch watch, String namespace) {
		return (List<T>) store(watch).list(namespace);
	}

	private WatchedStore store(Watch watch) {
		WatchedStore store = stores.get(watch);
		if (store == null) {
			throw new IllegalArgumentException(watch.describe() + " is not declared by any feature");
		}
		return store;
	}

	/**
	 * The owned object as last seen, when the store holding that kind has synced and is
	 * watching there; empty when it has not (then ask the API server).
	 */
	Optional<Optional<HasMetadata>> cached(Class<? extends HasMetadata> kind, String namespace, String name) {
		return ownedStore(kind, namespace).map(store -> Optional.ofNullable(store.get(namespace, name)));
	}

	/**
	 * Every object of the kind this installation owns in a namespace, when its store has
	 * synced and is watching there; empty when not (then nothing may be pruned).
	 */
	Optional<List<HasMetadata>> owned(Class<? extends HasMetadata> kind, String namespace) {
		return ownedStore(kind, namespace).map(
				store -> store.list(namespace).stream().filter(object -> Ownership.ownedBy(object, instance)).toList());
	}

	private Optional<WatchedStore> ownedStore(Class<? extends HasMetadata> kind, String namespace) {
		Watch watch = plan.owned().get(kind);
		WatchedStore store = watch == null ? null : stores.get(watch);
		return store != null && store.synced(namespace) ? Optional.of(store) : Optional.empty();
	}

	/**
	 * The reconciler's apply returned this object: every store it belongs in shows it
	 * from now on (or a newer version), whether or not the watch has delivered it yet.
	 */
	void observed(HasMetadata object) {
		stores.values()
			.stream()
			.filter(store -> store.watch().matches(object, instance))
			.forEach(store -> store.observed(object));
	}

	/** Lists again the stores whose watch died: see {@link WatchedStore#check}. */
	void check(CacheProperties properties) {
		Instant now = clock.instant();
		stores.values().forEach(store -> store.check(now, properties.disconnected(), properties.quiet()));
	}

	/** How many times a store was listed again since the cache started. */
	long relists() {
		return relists.get();
	}

	/**
	 * A number that grows after any cached object is added, changed or deleted: what was
	 * computed from the cache at one revision still holds while the revision, and the
	 * {@link #state()}, stay the same.
	 */
	public long revision() {
		return changes.get();
	}

	/**
	 * A number that grows after an object Hubguard owns changed in the cluster (or was
	 * applied): reports about what the cluster enforces are computed again before they
	 * are next shown.
	 */
	public long ownedRevision() {
		return ownedChanges.get();
	}

	@Override
	public void close() {
		stores.values().forEach(WatchedStore::close);
	}

	/**
	 * One store of a cluster and how old its data is.
	 *
	 * @param age null while it first syncs; zero while synced and watching
	 */
	public record StoreAge(String cluster, String kind, String watch, Duration age) {

		public boolean stale() {
			return age == null || age.compareTo(CacheState.STALE_AFTER) > 0;
		}

	}

}
