package dev.hubguard.cluster;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes one owned object in a cluster match its desired form: compare with the actual
 * object (from the informer cache when it is trustworthy, else from the API server),
 * server-side apply on difference, and record the outcome, drift and failures with their
 * backoff.
 */
@Component
class ObjectSync {

	private static final Logger log = LoggerFactory.getLogger(ObjectSync.class);

	private final ClusterClients clients;

	private final OwnedObjectWatch watch;

	private final ReconcileStatusStore statuses;

	private final AuditLog audit;

	private final ReconcilerProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	ObjectSync(ClusterClients clients, OwnedObjectWatch watch, ReconcileStatusStore statuses, AuditLog audit,
			ReconcilerProperties properties, Clock clock, MeterRegistry meters) {
		this.clients = clients;
		this.watch = watch;
		this.statuses = statuses;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	void sync(DesiredObject desired, BiConsumer<String, String> signal) {
		Instant now = clock.instant();
		String key = desired.key();
		String hub = desired.hub().toString();
		ReconcileStatus previous = statuses.find(key)
			.orElse(new ReconcileStatus(key, hub, desired.version(), null, ReconcileState.APPLYING, null, 0, null, null,
					null, null, 0));
		Optional<KubernetesClient> client = clients.forCluster(desired.hub().cluster());
		if (client.isEmpty()) {
			return;
		}
		HasMetadata object = desired.object();
		String namespace = object.getMetadata().getNamespace();
		String name = object.getMetadata().getName();
		try {
			watch.watch(desired.hub().cluster(), client.get(), signal);
			boolean trustCache = previous.state() == ReconcileState.IN_SYNC;
			HasMetadata actual = trustCache ? watch.cached(desired.hub().cluster(), namespace, name)
				.orElseGet(() -> Optional.ofNullable(fetch(client.get(), namespace, name)))
				.orElse(null) : fetch(client.get(), namespace, name);
			if (Ownership.matches(object, actual)) {
				if (previous.state() != ReconcileState.IN_SYNC || previous.appliedVersion() == null
						|| previous.appliedVersion() != desired.version()) {
					statuses.save(inSync(previous, desired,
							previous.lastAppliedAt() == null ? now : previous.lastAppliedAt()));
				}
				return;
			}
			boolean drift = previous.appliedVersion() != null && previous.appliedVersion() == desired.version();
			Instant driftAt = previous.lastDriftAt();
			int drifts = previous.driftCount();
			if (drift) {
				meters.counter("hubguard_reconcile_drift_total", "cluster", desired.hub().cluster()).increment();
				driftAt = now;
				drifts++;
				audit.record(AuditEvent.of("hubguard", hub, "cluster.drift-detected",
						(actual == null ? "Deleted" : "Changed") + " outside Hubguard: " + object.getKind() + " "
								+ namespace + "/" + name + "; putting it back"));
			}
			client.get().resource(object).fieldManager(Ownership.FIELD_MANAGER).forceConflicts().serverSideApply();
			meters.counter("hubguard_reconcile_applies_total", "cluster", desired.hub().cluster(), "result", "applied")
				.increment();
			statuses.save(new ReconcileStatus(key, hub, desired.version(), desired.version(), ReconcileState.IN_SYNC,
					null, 0, now, null, clock.instant(), driftAt, drifts));
			audit.record(AuditEvent.of("hubguard", hub, drift ? "cluster.drift-repaired" : "cluster.applied", "Applied "
					+ object.getKind() + " " + namespace + "/" + name + " at desired version " + desired.version()));
		}
		catch (KubernetesClientException ex) {
			failed(previous, desired, now, ex);
		}
	}

	private void failed(ReconcileStatus previous, DesiredObject desired, Instant now, KubernetesClientException ex) {
		meters.counter("hubguard_reconcile_applies_total", "cluster", desired.hub().cluster(), "result", "failed")
			.increment();
		int attempts = previous.attempts() + 1;
		long backoffMillis = Math.min(properties.maxBackoff().toMillis(), 500L << Math.min(attempts - 1, 16));
		String error = describe(ex);
		if (previous.state() != ReconcileState.ERROR || !error.equals(previous.lastError())) {
			audit.record(AuditEvent.of("hubguard", desired.hub().toString(), "cluster.apply-failed",
					"Could not apply " + desired.key() + " (desired version " + desired.version() + "): " + error
							+ "; retrying with backoff"));
			log.warn("apply of {} failed: {}", desired.key(), error);
		}
		statuses
			.save(new ReconcileStatus(previous.object(), previous.hub(), desired.version(), previous.appliedVersion(),
					ReconcileState.ERROR, error, attempts, now, now.plus(Duration.ofMillis(backoffMillis)),
					previous.lastAppliedAt(), previous.lastDriftAt(), previous.driftCount()));
	}

	private static ReconcileStatus inSync(ReconcileStatus previous, DesiredObject desired, Instant appliedAt) {
		return new ReconcileStatus(previous.object(), previous.hub(), desired.version(), desired.version(),
				ReconcileState.IN_SYNC, null, 0, previous.lastAttemptAt(), null, appliedAt, previous.lastDriftAt(),
				previous.driftCount());
	}

	private static NetworkPolicy fetch(KubernetesClient client, String namespace, String name) {
		return client.network().v1().networkPolicies().inNamespace(namespace).withName(name).get();
	}

	private static String describe(KubernetesClientException ex) {
		String message = ex.getCode() > 0 ? "API server answered " + ex.getCode() : "cluster unreachable";
		Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
		String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		return message + " (" + detail.lines().findFirst().orElse("") + ")";
	}

}
