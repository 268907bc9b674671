package dev.hubguard.identity;

import java.time.Instant;

/** A token as pages and the API show it: never its value. */
public record ApiTokenView(long id, String name, String prefix, Instant createdAt, Instant expiresAt,
		Instant lastUsedAt, Instant revokedAt, String state) {
}
