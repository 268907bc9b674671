package dev.hubguard.isolation;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.cluster.ClusterClients;
import dev.hubguard.cluster.LeaderLock;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * On the leader: probes each hub of the clusters where the probe is on once per interval,
 * one at a time; marks runs whose runner died as failed (deleting their pod); keeps 90
 * days of runs.
 */
@Component
class ProbeSchedule {

	private static final Logger log = LoggerFactory.getLogger(ProbeSchedule.class);

	static final Duration KEEP = Duration.ofDays(90);

	private final NetworkProbe probe;

	private final ProbeRuns runs;

	private final ProbeProperties properties;

	private final HubCatalogue catalogue;

	private final ClusterClients clients;

	private final LeaderLock leader;

	private final AuditLog audit;

	private final Clock clock;

	ProbeSchedule(NetworkProbe probe, ProbeRuns runs, ProbeProperties properties, HubCatalogue catalogue,
			ClusterClients clients, LeaderLock leader, AuditLog audit, Clock clock) {
		this.probe = probe;
		this.runs = runs;
		this.properties = properties;
		this.catalogue = catalogue;
		this.clients = clients;
		this.leader = leader;
		this.audit = audit;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${hubguard.isolation.probe.tick:1m}",
			fixedDelayString = "${hubguard.isolation.probe.tick:1m}")
	void tick() {
		if (properties.clusters().isEmpty() || !leader.isLeader()) {
			return;
		}
		Instant now = clock.instant();
		recoverAbandoned(now);
		runs.prune(now.minus(KEEP));
		Map<String, ProbeRun> latest = runs.latestByHub();
		for (CatalogueHub hub : catalogue.hubs()) {
			if (!probe.enabled(hub)) {
				continue;
			}
			ProbeRun last = latest.get(hub.ref().toString());
			if (last == null || last.startedAt().isBefore(now.minus(properties.interval()))) {
				try {
					// One at a time: wait for this run before the next.
					probe.start(hub, "hubguard (scheduled)").get();
				}
				catch (ConflictException ex) {
					// Running already (a staff member asked).
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					log.warn("network probe for {} failed: {}", hub.ref(), ex.getCause().getMessage());
				}
			}
		}
	}

	/** Runs left "running" by a replica that stopped: failed, and their pods deleted. */
	private void recoverAbandoned(Instant now) {
		Instant before = now.minus(properties.deadline()).minus(Duration.ofMinutes(5));
		for (ProbeRun run : runs.abandoned(before)) {
			HubRef ref = HubRef.parse(run.hub());
			catalogue.find(ref).ifPresent(hub -> clients.forCluster(ref.cluster()).ifPresent(client -> {
				try {
					client.pods().inNamespace(hub.namespace()).withName(run.pod()).withGracePeriod(0).delete();
				}
				catch (RuntimeException ex) {
					log.warn("could not delete abandoned probe pod {}: {}", run.pod(), ex.getMessage());
				}
			}));
			String error = "The replica running this probe stopped before it finished.";
			runs.finish(run.id(), ProbeRun.Outcome.FAILED, java.util.List.of(), error, now);
			audit.record(AuditEvent.of("hubguard", run.hub(), "isolation.probe-run", "Network probe failed: " + error));
		}
	}

}
