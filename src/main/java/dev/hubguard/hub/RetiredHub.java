package dev.hubguard.hub;

import java.time.Instant;

/** A hub that left the catalogue, and when it did. */
public record RetiredHub(HubRef ref, String namespace, Instant retiredAt) {
}
