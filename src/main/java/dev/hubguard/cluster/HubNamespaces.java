package dev.hubguard.cluster;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.RetiredHub;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The namespaces of a cluster's hubs, active or retired (a retired hub's objects are
 * pruned after its grace period, so they stay watched): where RBAC grants Hubguard its
 * Secrets.
 */
@Component
class HubNamespaces {

	private final Function<String, Set<String>> namespaces;

	@Autowired
	HubNamespaces(HubCatalogue catalogue) {
		this(cluster -> Stream
			.concat(catalogue.hubs()
				.stream()
				.filter(hub -> hub.ref().cluster().equals(cluster))
				.map(CatalogueHub::namespace),
					catalogue.retired()
						.stream()
						.filter(hub -> hub.ref().cluster().equals(cluster))
						.map(RetiredHub::namespace))
			.collect(Collectors.toUnmodifiableSet()));
	}

	/** Namespaces given by a function of the cluster's name, for tests. */
	HubNamespaces(Function<String, Set<String>> namespaces) {
		this.namespaces = namespaces;
	}

	Set<String> of(String cluster) {
		return namespaces.apply(cluster);
	}

}
