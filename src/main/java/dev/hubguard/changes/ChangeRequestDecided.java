package dev.hubguard.changes;

import dev.hubguard.hub.HubRef;

/**
 * A pending change request was approved, rejected or withdrawn; published inside the
 * deciding transaction.
 *
 * @param outcome {@code approved}, {@code rejected} or {@code withdrawn}
 * @param by the sign-in id of who decided
 * @param author the sign-in id of who asked
 * @param reason why it was rejected (the author's to read), else null
 */
public record ChangeRequestDecided(long id, HubRef hub, String kind, String summary, String outcome, String by,
		String author, String reason) {
}
