package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One informer of a {@link WatchedStore} (the store's only one, or that of one hub
 * namespace), with what tells a live watch from a dead one: when it last was synced and
 * watching, and when it last had an event or a bookmark.
 */
final class WatchSlot {

	final String namespace;

	volatile SharedIndexInformer<HasMetadata> informer;

	/** A new informer listing again; it replaces {@link #informer} once synced. */
	volatile SharedIndexInformer<HasMetadata> pending;

	volatile Instant lastHealthy;

	volatile Instant lastActivity;

	private volatile String lastVersion;

	private volatile Instant disconnectedSince;

	WatchSlot(String namespace) {
		this.namespace = namespace;
	}

	boolean healthy() {
		SharedIndexInformer<HasMetadata> current = informer;
		return current != null && current.hasSynced() && current.isWatching();
	}

	/**
	 * Why the slot must be listed again now, or null. A bookmark moves the informer's
	 * last resource version without an event: that counts as activity.
	 */
	String check(Instant now, Duration disconnected, Duration quiet) {
		SharedIndexInformer<HasMetadata> current = informer;
		if (current == null) {
			return null;
		}
		if (healthy()) {
			lastHealthy = now;
			disconnectedSince = null;
			String version = current.lastSyncResourceVersion();
			if (lastActivity == null || !Objects.equals(version, lastVersion)) {
				lastVersion = version;
				lastActivity = now;
			}
			return !now.isBefore(lastActivity.plus(quiet))
					? "had no event and no bookmark for " + quiet.toMinutes() + " minutes" : null;
		}
		if (lastHealthy == null) {
			return null;
		}
		if (disconnectedSince == null) {
			disconnectedSince = now;
			return null;
		}
		return !now.isBefore(disconnectedSince.plus(disconnected)) ? "lost its watch" : null;
	}

	void stop() {
		SharedIndexInformer<HasMetadata> current = informer;
		SharedIndexInformer<HasMetadata> next = pending;
		if (current != null) {
			current.stop();
		}
		if (next != null) {
			next.stop();
		}
	}

}
