package dev.hubguard.abuse;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Finds the hub an alert is about from its cluster and namespace labels. The catalogue's
 * hubs are indexed by namespace once per catalogue version (a notification asks once per
 * alert).
 */
@Component
class HubLocator {

	private final HubCatalogue catalogue;

	/** The hubs by namespace, and the catalogue list they were read from. */
	private record Index(List<CatalogueHub> hubs, Map<String, List<CatalogueHub>> byNamespace) {
	}

	private volatile Index index = new Index(null, Map.of());

	HubLocator(HubCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	/**
	 * By cluster and namespace; without a cluster, only when exactly one hub has that
	 * namespace.
	 */
	Optional<CatalogueHub> locate(String cluster, String namespace) {
		if (namespace == null) {
			return Optional.empty();
		}
		List<CatalogueHub> matches = index().getOrDefault(namespace, List.of())
			.stream()
			.filter(h -> cluster == null || h.ref().cluster().equals(cluster))
			.toList();
		return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
	}

	private Map<String, List<CatalogueHub>> index() {
		List<CatalogueHub> hubs = catalogue.hubs();
		Index current = index;
		if (current.hubs() != hubs) {
			current = new Index(hubs, hubs.stream().collect(Collectors.groupingBy(CatalogueHub::namespace)));
			index = current;
		}
		return current.byNamespace();
	}

}
