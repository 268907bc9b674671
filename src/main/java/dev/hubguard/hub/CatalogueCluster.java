package dev.hubguard.hub;

import java.util.List;

/**
 * A cluster as the catalogue describes it; {@code kubeContext} is null when the portal
 * runs inside it.
 */
public record CatalogueCluster(String name, String provider, String kubeContext, boolean inCluster,
		List<CatalogueHub> hubs) {
}
