package dev.hubguard.hub;

/**
 * The catalogue's snapshot was re-read (after an import, and at each reload check): hubs
 * may have come or gone. Listeners compare for themselves.
 */
public record CatalogueRefreshed() {
}
