package dev.hubguard.cluster;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records that an owned object is not as desired for a reason Hubguard knows (an apply
 * that failed, a render that threw, a value that cannot be delivered, a fight with
 * another controller): the object's status becomes ERROR with the message, the attempts
 * and the next retry (exponential backoff), counted in
 * {@code hubguard_reconcile_errors_total{cluster,kind,reason}} and audited once per
 * distinct error.
 */
@Component
class ReconcileErrors {

	private static final Logger log = LoggerFactory.getLogger(ReconcileErrors.class);

	/**
	 * The name of the status row standing for a feature's objects it could not render.
	 */
	static final String UNRENDERED = "(cannot render)";

	private final ReconcileStatusStore statuses;

	private final AuditLog audit;

	private final ReconcilerProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	ReconcileErrors(ReconcileStatusStore statuses, AuditLog audit, ReconcilerProperties properties,
			MeterRegistry meters, Clock clock) {
		this.statuses = statuses;
		this.audit = audit;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * {@code auditAction} null: nothing audited (a later round of an error already
	 * audited).
	 */
	void failed(ReconcileStatus previous, DesiredObject desired, Instant now, String reason, String error,
			String auditAction, String auditSummary) {
		failed(previous, desired.hub(), desired.object().getKind(), desired.version(), now, reason, error, auditAction,
				auditSummary);
	}

	private void failed(ReconcileStatus previous, HubRef hub, String kind, int version, Instant now, String reason,
			String error, String auditAction, String auditSummary) {
		meters.counter("hubguard_reconcile_errors_total", "cluster", hub.cluster(), "kind", kind, "reason", reason)
			.increment();
		int attempts = previous.attempts() + 1;
		long backoffMillis = Math.min(properties.maxBackoff().toMillis(), 500L << Math.min(attempts - 1, 16));
		if (auditAction != null && (previous.state() != ReconcileState.ERROR || !error.equals(previous.lastError()))) {
			audit.record(AuditEvent.of("hubguard", hub.toString(), auditAction, auditSummary));
			log.warn("{}: {}", previous.object(), error);
		}
		statuses.save(new ReconcileStatus(previous.object(), previous.hub(), version, previous.appliedVersion(),
				ReconcileState.ERROR, error, attempts, now, now.plus(Duration.ofMillis(backoffMillis)),
				previous.lastAppliedAt(), previous.lastDriftAt(), previous.driftCount()));
	}

	/**
	 * A feature's render threw for a hub: every object of its kinds that the hub has a
	 * status for becomes ERROR (or, when it has none yet, one row per kind standing for
	 * them). The live objects are left as they are.
	 */
	void renderFailed(HubRef hub, String namespace, List<Class<? extends HasMetadata>> kinds, RuntimeException ex) {
		Instant now = clock.instant();
		String error = "cannot render: " + (ex.getMessage() == null ? ex.getClass().getSimpleName()
				: ex.getMessage().lines().findFirst().orElse(""));
		List<ReconcileStatus> known = statuses.forHub(hub.toString());
		for (Class<? extends HasMetadata> kind : kinds) {
			String prefix = hub.cluster() + "/" + kind.getSimpleName() + "/" + namespace + "/";
			List<ReconcileStatus> rows = known.stream().filter(row -> row.object().startsWith(prefix)).toList();
			if (rows.isEmpty()) {
				rows = List.of(new ReconcileStatus(prefix + UNRENDERED, hub.toString(), 0, null,
						ReconcileState.APPLYING, null, 0, null, null, null, null, 0));
			}
			for (ReconcileStatus row : rows) {
				if (row.state() == ReconcileState.ERROR && error.equals(row.lastError()) && row.nextAttemptAt() != null
						&& now.isBefore(row.nextAttemptAt())) {
					continue;
				}
				failed(row, hub, kind.getSimpleName(), row.desiredVersion(), now, "render", error,
						"cluster.render-failed",
						"Could not render " + row.object() + ": " + error + "; the live object is left as it is");
			}
		}
	}

	/** A feature rendered again: the rows standing for what it could not render go. */
	void rendered(HubRef hub, String namespace, List<Class<? extends HasMetadata>> kinds, List<ReconcileStatus> known) {
		for (Class<? extends HasMetadata> kind : kinds) {
			String key = hub.cluster() + "/" + kind.getSimpleName() + "/" + namespace + "/" + UNRENDERED;
			if (known.stream().anyMatch(row -> row.object().equals(key))) {
				statuses.delete(key);
			}
		}
	}

}
