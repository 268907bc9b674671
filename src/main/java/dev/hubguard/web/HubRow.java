package dev.hubguard.web;

import dev.hubguard.cluster.ReconcileStatus;
import dev.hubguard.hub.CatalogueHub;

/**
 * One hub in the all-hubs table; {@code access} is null for a hub whose internet access
 * Hubguard does not manage, {@code score} null before its first isolation snapshot.
 */
public record HubRow(String ref, String cluster, String hub, String page, String access, String syncState,
		String syncLabel, long openReports, Integer score) {

	static HubRow of(CatalogueHub hub, String access, ReconcileStatus sync, long openReports, Integer score) {
		String syncState = sync == null ? null : sync.state().name();
		String syncLabel = sync == null ? "not managed"
				: sync.pendingApply() && sync.state() == dev.hubguard.cluster.ReconcileState.APPLYING
						? "not yet applied" : sync.stateLabel();
		return new HubRow(hub.ref().toString(), hub.ref().cluster(), hub.ref().hub(), "/hubs/" + hub.ref(), access,
				syncState, syncLabel, openReports, score);
	}

	/**
	 * Sync states in order of concern: not managed, in sync, applying, drifted, error.
	 */
	String syncRank() {
		return syncState == null ? "0"
				: String.valueOf(dev.hubguard.cluster.ReconcileState.valueOf(syncState).ordinal() + 1);
	}

}
