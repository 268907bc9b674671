package dev.hubguard.cluster;

import java.time.Instant;

/** The reconciler's record for one owned object, as pages and the API show it. */
public record ReconcileStatus(String object, String hub, int desiredVersion, Integer appliedVersion,
		ReconcileState state, String lastError, int attempts, Instant lastAttemptAt, Instant nextAttemptAt,
		Instant lastAppliedAt, Instant lastDriftAt, int driftCount) {

	/** Approved but not (yet) in the cluster. */
	public boolean pendingApply() {
		return appliedVersion == null || appliedVersion < desiredVersion;
	}

	public String stateLabel() {
		return state.name().toLowerCase().replace('_', ' ');
	}

}
