package dev.hubguard.cluster;

import dev.hubguard.hub.ClusterSummary;
import dev.hubguard.hub.HubCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the reconciler's counters at zero for every catalogued cluster once the portal
 * is ready, so that a dashboard's {@code rate()} sees each cluster before its first apply
 * or drift (clusters added later appear with their first apply).
 */
@Component
class ReconcileMeters {

	private final HubCatalogue catalogue;

	private final MeterRegistry meters;

	ReconcileMeters(HubCatalogue catalogue, MeterRegistry meters) {
		this.catalogue = catalogue;
		this.meters = meters;
	}

	@EventListener(ApplicationReadyEvent.class)
	void registerForKnownClusters() {
		for (ClusterSummary cluster : catalogue.clusters()) {
			meters.counter("hubguard_reconcile_applies_total", "cluster", cluster.name(), "result", "applied");
			meters.counter("hubguard_reconcile_applies_total", "cluster", cluster.name(), "result", "failed");
			meters.counter("hubguard_reconcile_drift_total", "cluster", cluster.name());
		}
	}

}
