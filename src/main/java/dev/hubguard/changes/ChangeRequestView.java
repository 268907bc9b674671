package dev.hubguard.changes;

import java.time.Instant;

/** A change request as pages and the API show it. */
public record ChangeRequestView(long id, String hub, String kind, String state, String summary, String justification,
		String before, String after, int baseVersion, Integer appliedVersion, boolean widensAccess, boolean stale,
		String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String decisionNote) {

	public boolean pending() {
		return "pending".equals(state);
	}

}
