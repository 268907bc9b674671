package dev.hubguard.cluster;

import java.time.Instant;

/**
 * How current a cluster's cached data is.
 *
 * @param status synced and watching; syncing for the first time; or cut off
 * @param dataFrom when the data was last known to be current (null while syncing)
 */
public record CacheState(Status status, Instant dataFrom) {

	public enum Status {

		SYNCED, SYNCING, UNREACHABLE

	}

	public boolean usable() {
		return status != Status.SYNCING;
	}

}
