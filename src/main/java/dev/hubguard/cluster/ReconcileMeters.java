package dev.hubguard.cluster;

import dev.hubguard.hub.ClusterSummary;
import dev.hubguard.hub.HubCatalogue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the reconciler's counters at zero for every catalogued cluster once the portal
 * is ready, so that a dashboard's {@code rate()} sees each cluster before its first apply
 * or drift (clusters added later appear with their first apply), and the gauge
 * {@code hubguard_reconcile_objects_in_error{cluster}}.
 */
@Component
class ReconcileMeters {

	private final HubCatalogue catalogue;

	private final MeterRegistry meters;

	private final ReconcileStatusStore statuses;

	ReconcileMeters(HubCatalogue catalogue, MeterRegistry meters, ReconcileStatusStore statuses) {
		this.catalogue = catalogue;
		this.meters = meters;
		this.statuses = statuses;
	}

	@EventListener(ApplicationReadyEvent.class)
	void registerForKnownClusters() {
		for (ClusterSummary cluster : catalogue.clusters()) {
			meters.counter("hubguard_reconcile_applies_total", "cluster", cluster.name(), "result", "applied");
			meters.counter("hubguard_reconcile_applies_total", "cluster", cluster.name(), "result", "failed");
			meters.counter("hubguard_reconcile_drift_total", "cluster", cluster.name());
			String name = cluster.name();
			Gauge.builder("hubguard_reconcile_objects_in_error", statuses, store -> store.countInError(name))
				.description("Owned objects whose last apply, render or delivery failed")
				.tag("cluster", name)
				.register(meters);
		}
	}

}
