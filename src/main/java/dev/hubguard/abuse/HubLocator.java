package dev.hubguard.abuse;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds the hub an alert is about from its cluster and namespace labels. */
@Component
class HubLocator {

	private final HubCatalogue catalogue;

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
		List<CatalogueHub> matches = catalogue.hubs()
			.stream()
			.filter(h -> h.namespace().equals(namespace) && (cluster == null || h.ref().cluster().equals(cluster)))
			.toList();
		return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
	}

}
