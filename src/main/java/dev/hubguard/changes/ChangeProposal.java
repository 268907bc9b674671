package dev.hubguard.changes;

import dev.hubguard.hub.HubRef;

/**
 * What a feature hands to {@link ChangeRequests#submit}: the states as JSON text, a
 * one-line summary, whether the change widens access, and the version the author saw.
 */
public record ChangeProposal(HubRef hub, String kind, String before, String after, String summary, String justification,
		int baseVersion, boolean widensAccess) {
}
