package dev.hubguard.changes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code hubguard_change_requests_pending}: how many change requests wait for a decision,
 * counted in the database when Prometheus scrapes (every replica gives the same figure).
 */
@Component
class ChangeMeters {

	ChangeMeters(ChangeRequestRepository requests, MeterRegistry meters) {
		Gauge.builder("hubguard_change_requests_pending", requests, ChangeRequestRepository::countPending)
			.description("Change requests waiting for a decision")
			.register(meters);
	}

}
