package dev.hubguard.changes;

import java.time.Instant;

/** A change request as pages and the API show it. */
public record ChangeRequestView(long id, String hub, String kind, String state, String summary, String justification,
		String before, String after, int baseVersion, Integer appliedVersion, boolean widensAccess, boolean stale,
		String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String decisionNote) {

	public boolean pending() {
		return "pending".equals(state);
	}

	/** How long a pending request has waited, like "3 h 20 min"; null once decided. */
	public String waited() {
		if (!pending() || requestedAt == null) {
			return null;
		}
		long minutes = Math.max(0, java.time.Duration.between(requestedAt, java.time.Instant.now()).toMinutes());
		if (minutes < 60) {
			return minutes + " min";
		}
		if (minutes < 48 * 60) {
			return minutes / 60 + " h " + minutes % 60 + " min";
		}
		return minutes / (24 * 60) + " days";
	}

}
