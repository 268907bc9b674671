package dev.hubguard.isolation;

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

	private final LeaderLock leader;

	private final Clock clock;

	ProbeSchedule(NetworkProbe probe, ProbeRuns runs, ProbeProperties properties, HubCatalogue catalogue,
			LeaderLock leader, Clock clock) {
		this.probe = probe;
		this.runs = runs;
		this.properties = properties;
		this.catalogue = catalogue;
		this.leader = leader;
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
			probe.abandon(run, catalogue.find(HubRef.parse(run.hub())));
		}
	}

}
