package dev.hubguard.cluster;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes one owned object in a cluster match its desired form, whatever its kind: compare
 * what Hubguard owns ({@link FieldDiff}) with the actual object (from the informer cache
 * when it is trustworthy, else from the API server), server-side apply on difference, and
 * record the outcome: IN_SYNC only when the object the server returned equals the desired
 * one; ERROR ({@link ReconcileErrors}) for a failed apply, a value that cannot be
 * delivered, or a fight (repaired {@code fight-repairs} times within
 * {@code fight-window}: repairs then back off, and the fight is audited once). Also
 * deletes owned objects that are no longer desired.
 */
@Component
class ObjectSync {

	private static final Logger log = LoggerFactory.getLogger(ObjectSync.class);

	private final ClusterClients clients;

	private final ClusterCaches caches;

	private final ReconcileStatusStore statuses;

	private final AuditLog audit;

	private final String instance;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ReconcileErrors errors;

	private final RepairHistory fights;

	ObjectSync(ClusterClients clients, ClusterCaches caches, ReconcileStatusStore statuses, AuditLog audit,
			ReconcilerProperties properties, ClusterProperties cluster, Clock clock, MeterRegistry meters,
			ReconcileErrors errors) {
		this.clients = clients;
		this.caches = caches;
		this.statuses = statuses;
		this.audit = audit;
		this.instance = cluster.instance();
		this.clock = clock;
		this.meters = meters;
		this.errors = errors;
		this.fights = new RepairHistory(properties.fightRepairs(), properties.fightWindow());
	}

	/**
	 * @param known the object's status as the caller just read it (empty: none yet)
	 */
	void sync(DesiredObject desired, Optional<ReconcileStatus> known) {
		Instant now = clock.instant();
		String key = desired.key();
		String hub = desired.hub().toString();
		ReconcileStatus previous = known.orElse(new ReconcileStatus(key, hub, desired.version(), null,
				ReconcileState.APPLYING, null, 0, null, null, null, null, 0));
		Optional<KubernetesClient> client = clients.forCluster(desired.hub().cluster());
		if (client.isEmpty()) {
			return;
		}
		HasMetadata stamped = Ownership.stamp(desired, instance);
		Class<? extends HasMetadata> kind = stamped.getClass();
		String namespace = stamped.getMetadata().getNamespace();
		String name = stamped.getMetadata().getName();
		try {
			Optional<ClusterCache> cache = caches.forCluster(desired.hub().cluster());
			Optional<Optional<HasMetadata>> cached = previous.state() == ReconcileState.IN_SYNC
					? cache.flatMap(c -> c.cached(kind, namespace, name)) : Optional.empty();
			boolean fromCache = cached.isPresent();
			HasMetadata actual = fromCache ? cached.get().orElse(null) : fetch(client.get(), kind, namespace, name);
			HasMetadata object = OwnedFields.keepingLive(stamped, actual, desired.keepLive());
			List<String> differences = FieldDiff.differences(object, actual);
			boolean newVersion = previous.appliedVersion() == null || previous.appliedVersion() != desired.version();
			if (!differences.isEmpty() && fromCache && (!newVersion || !desired.keepLive().isEmpty())) {
				// The cache may lag behind our own last apply: ask the API server before
				// calling anything drift. A new desired version differs anyway and is
				// applied from the cache (which holds at least what our last apply
				// returned), unless it keeps live values: those are read fresh.
				actual = fetch(client.get(), kind, namespace, name);
				object = OwnedFields.keepingLive(stamped, actual, desired.keepLive());
				differences = FieldDiff.differences(object, actual);
			}
			if (differences.isEmpty()) {
				settled(previous, desired, now, previous.lastAppliedAt() == null ? now : previous.lastAppliedAt());
				return;
			}
			boolean drift = previous.appliedVersion() != null && previous.appliedVersion() == desired.version();
			boolean fighting = drift && fights.fighting(key, now);
			if (fighting && previous.state() == ReconcileState.ERROR && previous.nextAttemptAt() != null
					&& now.isBefore(previous.nextAttemptAt())) {
				// Backing off from a fight: the retry comes at nextAttemptAt.
				return;
			}
			Instant driftAt = previous.lastDriftAt();
			int drifts = previous.driftCount();
			if (drift) {
				meters.counter("hubguard_reconcile_drift_total", "cluster", desired.hub().cluster()).increment();
				driftAt = now;
				drifts++;
				fights.repaired(key, now);
				if (!fighting) {
					audit.record(AuditEvent.of("hubguard", hub, "cluster.drift-detected",
							(actual == null ? "Deleted" : "Changed (" + String.join(", ", limit(differences)) + ")")
									+ " outside Hubguard: " + object.getKind() + " " + namespace + "/" + name
									+ "; putting it back"));
				}
			}
			HasMetadata result = apply(client.get(), object);
			// Every reader of the cache sees what the cluster now enforces, before the
			// watch delivers it.
			cache.ifPresent(c -> c.observed(result));
			meters.counter("hubguard_reconcile_applies_total", "cluster", desired.hub().cluster(), "result", "applied")
				.increment();
			List<String> left = FieldDiff.differences(object, result);
			ReconcileStatus applied = new ReconcileStatus(key, hub, desired.version(), desired.version(),
					ReconcileState.IN_SYNC, null, 0, now, null, clock.instant(), driftAt, drifts);
			if (!left.isEmpty() || fighting) {
				// The cluster keeps changing it back (an admission webhook on every
				// write, or another controller after each repair).
				fight(previous, applied, desired, left.isEmpty() ? differences : left, now);
				return;
			}
			// Audited before the status says so: whoever sees IN_SYNC finds the apply in
			// the audit log.
			audit.record(AuditEvent.of("hubguard", hub, drift ? "cluster.drift-repaired" : "cluster.applied", "Applied "
					+ object.getKind() + " " + namespace + "/" + name + " at desired version " + desired.version()));
			if (desired.problem() == null) {
				statuses.save(applied);
			}
			else {
				settled(applied, desired, now, applied.lastAppliedAt());
			}
		}
		catch (KubernetesClientException ex) {
			errors.failed(previous, desired, now, "apply", describe(ex), "cluster.apply-failed",
					"Could not apply " + desired.key() + " (desired version " + desired.version() + "): " + describe(ex)
							+ "; retrying with backoff");
		}
	}

	/**
	 * Server-side apply; when the object the server returns still differs in what
	 * Hubguard owns (apply keeps fields another manager set, such as a key added to a
	 * map), the owned fields are replaced whole. Returns the object as the server stores
	 * it.
	 */
	private static HasMetadata apply(KubernetesClient client, HasMetadata object) {
		HasMetadata applied = client.resource(object)
			.fieldManager(Ownership.FIELD_MANAGER)
			.forceConflicts()
			.serverSideApply();
		if (FieldDiff.differences(object, applied).isEmpty()) {
			return applied;
		}
		return client.resource(OwnedFields.overlay(applied, object)).update();
	}

	/** Observed as desired: in sync, unless part of it cannot be delivered. */
	private void settled(ReconcileStatus previous, DesiredObject desired, Instant now, Instant appliedAt) {
		if (desired.problem() != null) {
			if (previous.state() != ReconcileState.ERROR || !desired.problem().equals(previous.lastError())
					|| previous.nextAttemptAt() == null || !now.isBefore(previous.nextAttemptAt())) {
				errors.failed(previous, desired, now, "undeliverable", desired.problem(), "cluster.undeliverable",
						desired.key() + ": " + desired.problem());
			}
			return;
		}
		if (fights.fighting(desired.key(), now) && previous.state() == ReconcileState.ERROR) {
			// Still within the fight's window: keep the error until it has been quiet.
			return;
		}
		if (previous.state() != ReconcileState.IN_SYNC || previous.appliedVersion() == null
				|| previous.appliedVersion() != desired.version()) {
			statuses.save(inSync(previous, desired, appliedAt));
		}
	}

	private void fight(ReconcileStatus previous, ReconcileStatus applied, DesiredObject desired, List<String> paths,
			Instant now) {
		String message = "another controller changes " + String.join(", ", limit(paths));
		boolean episodeStarts = previous.state() != ReconcileState.ERROR || previous.lastError() == null
				|| !previous.lastError().startsWith("another controller changes");
		ReconcileStatus base = new ReconcileStatus(applied.object(), applied.hub(), applied.desiredVersion(),
				applied.appliedVersion(), previous.state(), previous.lastError(),
				episodeStarts ? 0 : previous.attempts(), applied.lastAttemptAt(), null, applied.lastAppliedAt(),
				applied.lastDriftAt(), applied.driftCount());
		errors.failed(base, desired, now, "fight", message, episodeStarts ? "cluster.fight" : null,
				desired.key() + ": " + message + "; repairs back off until it stops");
	}

	/**
	 * Deletes the owned objects of {@code kind} in {@code namespace} that belong to
	 * {@code hub} and are not in {@code keep} (names). Only objects this installation
	 * owns are seen at all, and only from a synced cache: while the cache is not
	 * trustworthy nothing is deleted. Returns how many were deleted, or -1 when the
	 * cluster or its cache could not be consulted (then nothing was).
	 */
	int prune(String cluster, String hub, String namespace, Class<? extends HasMetadata> kind, List<String> keep,
			String reason) {
		Optional<KubernetesClient> client = clients.forCluster(cluster);
		if (client.isEmpty()) {
			return -1;
		}
		Optional<List<HasMetadata>> owned = caches.forCluster(cluster).flatMap(cache -> cache.owned(kind, namespace));
		if (owned.isEmpty()) {
			return -1;
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
