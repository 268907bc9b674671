package dev.hubguard.cluster;

import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.hub.RetiredHub;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hubs that left the catalogue keep their owned objects for a grace period
 * ({@code hubguard.clusters.prune-grace}), so a hub restored within it loses nothing;
 * then they lose them. A hub that came back is active again and so not among these.
 */
final class RetiredHubPruner {

	private final HubCatalogue catalogue;

	private final ObjectSync sync;

	private final ClusterProperties properties;

	private final Clock clock;

	private final List<Class<? extends HasMetadata>> kinds;

	private final Map<HubRef, Instant> pruned = new ConcurrentHashMap<>();

	RetiredHubPruner(HubCatalogue catalogue, ObjectSync sync, ClusterProperties properties, Clock clock,
			List<Class<? extends HasMetadata>> kinds) {
		this.catalogue = catalogue;
		this.sync = sync;
		this.properties = properties;
		this.clock = clock;
		this.kinds = kinds;
	}

	/**
	 * Prunes the retired hubs whose grace period is over and that were not pruned since
	 * they left: each tick, so a grace of 0 prunes within moments of the import.
	 */
	void pruneDue(Instant now) {
		for (RetiredHub retired : catalogue.retired()) {
			if (retired.retiredAt().plus(properties.pruneGrace()).isAfter(now)
					|| retired.retiredAt().equals(pruned.get(retired.ref()))) {
				continue;
			}
			if (prune(retired)) {
				pruned.put(retired.ref(), retired.retiredAt());
			}
		}
	}

	/** Prunes every retired hub whose grace period is over (the periodic resync). */
	void pruneAll(Instant now) {
		for (RetiredHub retired : catalogue.retired()) {
			if (!retired.retiredAt().plus(properties.pruneGrace()).isAfter(now)) {
				prune(retired);
			}
		}
	}

	/**
	 * Whether every kind could be consulted. Objects labelled for another hub are never
	 * the retired hub's ({@link ObjectSync#prune}).
	 */
	private boolean prune(RetiredHub retired) {
		boolean complete = true;
		for (Class<? extends HasMetadata> kind : kinds) {
			complete &= sync.prune(retired.ref().cluster(), retired.ref().hub(), retired.namespace(), kind, List.of(),
					"the hub left the catalogue on " + retired.retiredAt()) >= 0;
		}
		return complete;
	}

	/** Hubs in their grace period, with the time their objects are deleted. */
	List<Reconciler.Retiring> retiring() {
		Instant now = clock.instant();
		return catalogue.retired()
			.stream()
			.map(hub -> new Reconciler.Retiring(hub.ref(), hub.retiredAt(),
					hub.retiredAt().plus(properties.pruneGrace())))
			.filter(hub -> hub.deleteAt().isAfter(now))
			.toList();
	}

}
