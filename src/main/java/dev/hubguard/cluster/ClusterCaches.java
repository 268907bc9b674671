package dev.hubguard.cluster;

import dev.hubguard.hub.CatalogueRefreshed;
import dev.hubguard.hub.HubCatalogue;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * One {@link ClusterCache} per catalogue cluster, started when the portal is ready (so
 * readiness never waits for a cluster) or at first use for a cluster added later.
 */
@Service
public class ClusterCaches {

	private final HubCatalogue catalogue;

	private final ClusterClients clients;

	private final String instance;

	private final Clock clock;

	private final HubNamespaces hubNamespaces;

	private final Map<String, ClusterCache> caches = new ConcurrentHashMap<>();

	ClusterCaches(HubCatalogue catalogue, HubNamespaces hubNamespaces, ClusterClients clients,
			ClusterProperties properties, Clock clock) {
		this.catalogue = catalogue;
		this.hubNamespaces = hubNamespaces;
		this.clients = clients;
		this.instance = properties.instance();
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void startAll() {
		catalogue.clusters().forEach(cluster -> forCluster(cluster.name()));
	}

	/** Hubs came or went: their namespaces' Secrets are watched or no longer. */
	@EventListener(CatalogueRefreshed.class)
	void catalogueRefreshed() {
		caches.forEach((name, cache) -> cache.watchSecretsIn(hubNamespaces.of(name)));
	}

	/**
	 * The cache of a catalogue cluster; empty for a cluster the catalogue does not list.
	 */
	public Optional<ClusterCache> forCluster(String name) {
		if (catalogue.cluster(name).isEmpty()) {
			return Optional.empty();
		}
		return clients.forCluster(name).map(client -> caches.computeIfAbsent(name, key -> {
			ClusterCache cache = new ClusterCache(key, client, instance, clock, hubNamespaces.of(key));
			cache.start();
			return cache;
		}));
	}

	@PreDestroy
	void stop() {
		caches.values().forEach(ClusterCache::close);
		caches.clear();
	}

}
