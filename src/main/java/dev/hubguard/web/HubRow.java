package dev.hubguard.web;

import dev.hubguard.cluster.ReconcileStatus;
import dev.hubguard.hub.CatalogueHub;

/**
 * One hub in the all-hubs table; {@code access} is null for a hub whose internet access
 * Hubguard does not manage, {@code score} null before its first isolation snapshot.
 */
public record HubRow(String ref, String cluster, String hub, String page, String access, String syncState,
		String syncLabel, long openReports, Integer score, long secrets) {

	static HubRow of(CatalogueHub hub, String access, ReconcileStatus sync, long openReports, Integer score,
			long secrets) {
		String syncState = sync == null ? null : sync.state().name();
		String syncLabel = sync == null ? "not managed"
				: sync.pendingApply() && sync.state() == dev.hubguard.cluster.ReconcileState.APPLYING
						? "not yet applied" : sync.stateLabel();
		return new HubRow(hub.ref().toString(), hub.ref().cluster(), hub.ref().hub(), "/hubs/" + hub.ref(), access,
				syncState, syncLabel, openReports, score, secrets);
	}

	/**
	 * The isolation score's grade, for its colour: {@code good} from 90 %, {@code fair}
	 * from 70 %, else {@code poor}; {@code none} before the first check.
	 */
	public String grade() {
		return grade(score);
	}

	static String grade(Integer score) {
		return score == null ? "none" : score >= 90 ? "good" : score >= 70 ? "fair" : "poor";
	}

	/**
	 * Sync states in order of concern: not managed, in sync, applying, drifted, error.
	 */
	String syncRank() {
		return syncState == null ? "0"
				: String.valueOf(dev.hubguard.cluster.ReconcileState.valueOf(syncState).ordinal() + 1);
	}

}
