package dev.hubguard.cluster;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes one owned object in a cluster match its desired form, whatever its kind: compare
 * the fields Hubguard sets with the actual object (from the informer cache when it is
 * trustworthy, else from the API server), server-side apply on difference, and record the
 * outcome, drift and failures with their backoff. Also deletes owned objects that are no
 * longer desired.
 */
@Component
class ObjectSync {

	private static final Logger log = LoggerFactory.getLogger(ObjectSync.class);

	private final ClusterClients clients;

	private final OwnedObjectWatch watch;

	private final ReconcileStatusStore statuses;

	private final AuditLog audit;

	private final ReconcilerProperties properties;

	private final String instance;

	private final Clock clock;

	private final MeterRegistry meters;

	ObjectSync(ClusterClients clients, OwnedObjectWatch watch, ReconcileStatusStore statuses, AuditLog audit,
			ReconcilerProperties properties, ClusterProperties cluster, Clock clock, MeterRegistry meters) {
		this.clients = clients;
		this.watch = watch;
		this.statuses = statuses;
		this.audit = audit;
		this.properties = properties;
		this.instance = cluster.instance();
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
		HasMetadata object = Ownership.stamp(desired, instance);
		Class<? extends HasMetadata> kind = object.getClass();
		String namespace = object.getMetadata().getNamespace();
		String name = object.getMetadata().getName();
		try {
			watch.watch(desired.hub().cluster(), kind, namespace, client.get(), signal);
			Optional<Optional<HasMetadata>> cached = previous.state() == ReconcileState.IN_SYNC
					? watch.cached(desired.hub().cluster(), kind, namespace, name) : Optional.empty();
			boolean fromCache = cached.isPresent();
			HasMetadata actual = fromCache ? cached.get().orElse(null) : fetch(client.get(), kind, namespace, name);
			List<String> differences = FieldDiff.differences(object, actual);
			if (!differences.isEmpty() && fromCache) {
				// The cache may lag behind our own last apply: ask the API server before
				// calling anything drift.
				actual = fetch(client.get(), kind, namespace, name);
				differences = FieldDiff.differences(object, actual);
			}
			if (differences.isEmpty()) {
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
						(actual == null ? "Deleted" : "Changed (" + String.join(", ", limit(differences)) + ")")
								+ " outside Hubguard: " + object.getKind() + " " + namespace + "/" + name
								+ "; putting it back"));
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

	/**
	 * Deletes the owned objects of {@code kind} in {@code namespace} that belong to
	 * {@code hub} and are not in {@code keep} (names). Only objects this installation
	 * owns are seen at all, and only from a synced cache: while the cache is not
	 * trustworthy nothing is deleted. Returns how many were deleted.
	 */
	int prune(String cluster, String hub, String namespace, Class<? extends HasMetadata> kind, List<String> keep,
			String reason, BiConsumer<String, String> signal) {
		Optional<KubernetesClient> client = clients.forCluster(cluster);
		if (client.isEmpty()) {
			return 0;
		}
		watch.watch(cluster, kind, namespace, client.get(), signal);
		Optional<List<HasMetadata>> owned = watch.owned(cluster, kind, namespace);
		if (owned.isEmpty()) {
			return 0;
		}
		int deleted = 0;
		for (HasMetadata object : owned.get()) {
			String name = object.getMetadata().getName();
			String objectHub = Ownership.hubOf(object);
			// Objects carry their hub's name; one without it counts as the namespace's
			// hub's.
			if (keep.contains(name) || (objectHub != null && !objectHub.equals(hub))
					|| !Ownership.ownedBy(object, instance)) {
				continue;
			}
			try {
				client.get().resources(kind).inNamespace(namespace).withName(name).delete();
				deleted++;
				meters.counter("hubguard_reconcile_pruned_total", "cluster", cluster).increment();
				statuses.delete(cluster + "/" + object.getKind() + "/" + namespace + "/" + name);
				audit.record(AuditEvent.of("hubguard", cluster + "/" + hub, "cluster.pruned",
						"Deleted " + object.getKind() + " " + namespace + "/" + name + ": " + reason));
			}
			catch (KubernetesClientException ex) {
				log.warn("could not delete {} {}/{} in {}: {}; the next pass retries", object.getKind(), namespace,
						name, cluster, describe(ex));
			}
		}
		return deleted;
	}

	private static List<String> limit(List<String> differences) {
		return differences.size() <= 5 ? differences : differences.subList(0, 5);
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

	private static HasMetadata fetch(KubernetesClient client, Class<? extends HasMetadata> kind, String namespace,
			String name) {
		return client.resources(kind).inNamespace(namespace).withName(name).get();
	}

	static String describe(KubernetesClientException ex) {
		String message = ex.getCode() > 0 ? "API server answered " + ex.getCode() : "cluster unreachable";
		Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
		String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		return message + " (" + detail.lines().findFirst().orElse("") + ")";
	}

}
