package dev.hubguard.hub;

/** A hub as the catalogue describes it. */
public record CatalogueHub(HubRef ref, String namespace, String helmRelease, String url, String auth,
		AdminRules admins) {
}
