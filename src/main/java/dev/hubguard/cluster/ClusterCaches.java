package dev.hubguard.cluster;

import dev.hubguard.hub.CatalogueRefreshed;
import dev.hubguard.hub.HubCatalogue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * One {@link ClusterCache} per catalogue cluster, with the stores the features declare
 * ({@link ClusterWatches}) and the reconciler needs ({@link DesiredObjects#kinds()}):
 * started when the portal is ready (so readiness never waits for a cluster) or at first
 * use for a cluster added later. Checks every store for a watch that died, and shows each
 * kind's data age as {@code hubguard_cache_age_seconds{cluster,kind}}.
 */
@Service
public class ClusterCaches {

	private final HubCatalogue catalogue;

	private final ClusterClients clients;

	private final String instance;

	private final Clock clock;

	private final HubNamespaces hubNamespaces;

	private final ObjectProvider<ClusterWatches> features;

	private final ObjectProvider<DesiredObjects> rendering;

	private final CacheProperties properties;

	private final MeterRegistry meters;

	private final Map<String, ClusterCache> caches = new ConcurrentHashMap<>();

	private final List<BiConsumer<String, String>> ownedListeners = new CopyOnWriteArrayList<>();

	private volatile WatchPlan plan;

	ClusterCaches(HubCatalogue catalogue, HubNamespaces hubNamespaces, ClusterClients clients,
			ClusterProperties cluster, Clock clock, ObjectProvider<ClusterWatches> features,
			ObjectProvider<DesiredObjects> rendering, CacheProperties properties, MeterRegistry meters) {
		this.catalogue = catalogue;
		this.hubNamespaces = hubNamespaces;
		this.clients = clients;
		this.instance = cluster.instance();
		this.clock = clock;
		this.features = features;
		this.rendering = rendering;
		this.properties = properties;
		this.meters = meters;
	}

	@EventListener(ApplicationReadyEvent.class)
	void startAll() {
		catalogue.clusters().forEach(cluster -> forCluster(cluster.name()));
	}

	/** Hubs came or went: their namespaces' stores watch them or no longer. */
	@EventListener(CatalogueRefreshed.class)
	void catalogueRefreshed() {
		caches.forEach((name, cache) -> cache.watchHubNamespaces(hubNamespaces.of(name)));
	}

	/**
	 * Tells {@code listener} (cluster, namespace) whenever a watch sees an object this
	 * installation owns added, changed or deleted.
	 */
	void onOwnedChange(BiConsumer<String, String> listener) {
		ownedListeners.add(listener);
	}

	/**
	 * The cache of a catalogue cluster; empty for a cluster the catalogue does not list.
	 */
	public Optional<ClusterCache> forCluster(String name) {
		if (catalogue.cluster(name).isEmpty()) {
			return Optional.empty();
		}
		return clients.forCluster(name).map(client -> caches.computeIfAbsent(name, key -> {
			ClusterCache cache = new ClusterCache(key, client, instance, clock, plan(), hubNamespaces.of(key),
					(cluster, namespace) -> ownedListeners.forEach(listener -> listener.accept(cluster, namespace)));
			measure(cache);
			cache.start();
			return cache;
		}));
	}

	private WatchPlan plan() {
		WatchPlan known = plan;
		if (known == null) {
			known = WatchPlan.of(features.orderedStream().toList(),
					rendering.orderedStream().flatMap(feature -> feature.kinds().stream()).distinct().toList());
			plan = known;
		}
		return known;
	}

	private void measure(ClusterCache cache) {
		for (var kind : plan().kinds()) {
			String simple = kind.getSimpleName();
			Gauge.builder("hubguard_cache_age_seconds", cache, c -> age(c, simple))
				.description("How old the cached data of a kind is: 0 while every store of it is synced and watching")
				.tags("cluster", cache.name(), "kind", simple)
				.register(meters);
		}
		FunctionCounter.builder("hubguard_cache_relists_total", cache, ClusterCache::relists)
			.description("Stores listed again because their watch died")
			.tag("cluster", cache.name())
			.register(meters);
	}

	/** The oldest data of the kind's stores, in seconds; NaN while one first syncs. */
	private static double age(ClusterCache cache, String kind) {
		double oldest = 0;
		for (ClusterCache.StoreAge store : cache.stores()) {
			if (store.kind().equals(kind)) {
				Duration age = store.age();
				if (age == null) {
					return Double.NaN;
				}
				oldest = Math.max(oldest, age.toMillis() / 1000.0);
			}
		}
		return oldest;
	}

	@Scheduled(initialDelayString = "${hubguard.cache.check-every:5s}",
			fixedDelayString = "${hubguard.cache.check-every:5s}")
	void check() {
		caches.values().forEach(cache -> cache.check(properties));
	}

	/** Every store of every cluster started so far, with its data age. */
	public List<ClusterCache.StoreAge> stores() {
		return caches.values().stream().flatMap(cache -> cache.stores().stream()).toList();
	}

	@PreDestroy
	void stop() {
		caches.values().forEach(ClusterCache::close);
		caches.clear();
	}

}
