package dev.hubguard.cluster;

import java.time.Instant;

/**
 * How current a cluster's cached data is.
 *
 * @param status current (synced and watching, or cut off for at most
 * {@link #STALE_AFTER}); syncing for the first time; or older than that
 * @param dataFrom when the data was last known to be current (null while syncing)
 */
public record CacheState(Status status, Instant dataFrom) {

	/**
	 * Data at most this old is shown as current; older data is shown with its age.
	 */
	public static final java.time.Duration STALE_AFTER = java.time.Duration.ofSeconds(5);

	public enum Status {

		SYNCED, SYNCING, UNREACHABLE

	}

	/**
	 * For a page built from data older than {@link #STALE_AFTER}: "Data from 2026-01-02
	 * 19:01:05 UTC (42 s old)"; null when the data is current or still syncing.
	 */
	public String staleness(java.time.Instant now) {
		if (status != Status.UNREACHABLE || dataFrom == null) {
			return null;
		}
		long seconds = java.time.Duration.between(dataFrom, now).toSeconds();
		String age = seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
		return "Data from " + TIME.format(dataFrom) + " (" + age + " old)";
	}

	private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(java.time.ZoneOffset.UTC);

	public boolean usable() {
		return status != Status.SYNCING;
	}

}
