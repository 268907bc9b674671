package dev.hubguard.changes;

import dev.hubguard.hub.HubRef;

/**
 * A change request now waits for staff; published inside the filing transaction.
 *
 * @param author the sign-in id of who asked
 */
public record ChangeRequestFiled(long id, HubRef hub, String kind, String summary, String author) {
}
