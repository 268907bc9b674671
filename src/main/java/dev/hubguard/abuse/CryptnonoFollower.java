package dev.hubguard.abuse;

import dev.hubguard.cluster.ClusterCache;
import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.cluster.ClusterClients;
import dev.hubguard.cluster.LeaderLock;
import dev.hubguard.hub.ClusterSummary;
import dev.hubguard.hub.HubCatalogue;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the logs of every cluster's cryptnono pods (namespace {@code support}, label
 * {@code app.kubernetes.io/name=cryptnono}) from where it left off, turns kills and
 * missed kills into alerts, and moves its cursor only after the alerts are committed.
 * Lines read twice change nothing, so a restart neither loses nor repeats an event. Runs
 * on the reconciler leader only.
 */
@Component
class CryptnonoFollower {

	private static final Logger log = LoggerFactory.getLogger(CryptnonoFollower.class);

	private static final List<String> CONTAINERS = List.of(CryptnonoEvent.EXECWHACKER, CryptnonoEvent.MONERO);

	private static final int MAX_BYTES_PER_READ = 8 * 1024 * 1024;

	private final HubCatalogue catalogue;

	private final ClusterClients clients;

	private final ClusterCaches caches;

	private final LeaderLock leader;

	private final AlertIntake intake;

	private final CryptnonoCursors cursors;

	private final MeterRegistry meters;

	private final CryptnonoLag lag;

	private final Clock clock;

	CryptnonoFollower(HubCatalogue catalogue, ClusterClients clients, ClusterCaches caches, LeaderLock leader,
			AlertIntake intake, CryptnonoCursors cursors, MeterRegistry meters, CryptnonoLag lag, Clock clock) {
		this.catalogue = catalogue;
		this.clients = clients;
		this.leader = leader;
		this.intake = intake;
		this.caches = caches;
		this.cursors = cursors;
		this.meters = meters;
		this.lag = lag;
		this.clock = clock;
		for (CryptnonoLogParser.Outcome outcome : CryptnonoLogParser.Outcome.values()) {
			meters.counter("hubguard_cryptnono_lines_total", "outcome", outcome.name().toLowerCase());
		}
		// Every cluster's series exists from the start (0 until read), so a dashboard or
		// an alert sees a cluster never read rather than no data.
		catalogue.clusters().forEach(cluster -> lag.track(cluster.name()));
	}

	@Scheduled(initialDelayString = "${hubguard.cryptnono.poll-interval:5s}",
			fixedDelayString = "${hubguard.cryptnono.poll-interval:5s}")
	void poll() {
		if (!leader.isLeader()) {
			return;
		}
		for (ClusterSummary cluster : catalogue.clusters()) {
			try {
				Instant started = clock.instant();
				clients.forCluster(cluster.name())
					.filter(client -> follow(cluster.name(), client))
					.ifPresent(client -> lag.read(cluster.name(), started));
			}
			catch (KubernetesClientException | UncheckedIOException ex) {
				log.warn("cannot read cryptnono logs of cluster {}: {}", cluster.name(), ex.getMessage());
			}
		}
	}

	/**
	 * Reads every agent the cluster cache knows of (none while it first syncs); answers
	 * whether every one was read without an error.
	 */
	boolean follow(String cluster, KubernetesClient client) {
		Optional<ClusterCache> cache = caches.forCluster(cluster).filter(c -> c.state().usable());
		List<Pod> agents = cache.map(c -> c.<Pod>list(CryptnonoWatches.PODS, null)).orElse(List.of());
		boolean complete = cache.isPresent();
		for (Pod agent : agents) {
			String pod = agent.getMetadata().getName();
			for (String container : CONTAINERS) {
				try {
					read(cluster, client, agent, container);
				}
				catch (RuntimeException ex) {
					// One agent that cannot be read (restarting, or a database hiccup)
					// must not stop the others.
					log.warn("cannot read {}/{} of cluster {} now, will retry: {}", pod, container, cluster,
							ex.getMessage());
					complete = false;
				}
			}
		}
		return complete;
	}

	private void read(String cluster, KubernetesClient client, Pod agent, String container) {
		String pod = agent.getMetadata().getName();
		String node = agent.getSpec() == null ? null : agent.getSpec().getNodeName();
		Optional<Instant> cursor = cursors.readUntil(cluster, pod, container);
		int restarts = restartCount(agent, container);
		Instant readUntil = cursor.orElse(null);
		Optional<Integer> seenRestarts = cursors.restarts(cluster, pod, container);
		if (seenRestarts.isPresent() && restarts > seenRestarts.get()) {
			// The container restarted since the last read: what the previous one wrote
			// after the cursor counts.
			readUntil = ingest(cluster, pod, node, container, fetch(client, pod, container, true, cursor), readUntil);
		}
		readUntil = ingest(cluster, pod, node, container, fetch(client, pod, container, false, cursor), readUntil);
		if (readUntil != null) {
			cursors.advance(cluster, pod, container, readUntil);
			cursors.restarted(cluster, pod, container, restarts);
		}
	}

	private static byte[] fetch(KubernetesClient client, String pod, String container, boolean previous,
			Optional<Instant> cursor) {
		var agentContainer = client.pods()
			.inNamespace("support")
			.withName(pod)
			.inContainer(container)
			// Read whatever the agent logged, also while it is not ready (e.g.
			// restarting).
			.withReadyWaitTimeout(0);
		var stamped = agentContainer.usingTimestamps();
		io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable logs = previous ? stamped.terminated()
				: stamped.limitBytes(MAX_BYTES_PER_READ);
		try (InputStream in = cursor.isPresent() ? logs.sinceTime(cursor.get().toString()).getLogInputStream()
				: logs.sinceSeconds(86_400).getLogInputStream()) {
			return in.readNBytes(MAX_BYTES_PER_READ);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Parses and stores the lines; answers the newest line time seen (the cursor to be).
	 */
	private Instant ingest(String cluster, String pod, String node, String container, byte[] text, Instant readUntil) {
		List<CryptnonoEvent> events = new ArrayList<>();
		Instant newest = readUntil;
		int start = 0;
		for (int i = 0; i <= text.length; i++) {
			if (i == text.length || text[i] == '\n') {
				byte[] line = java.util.Arrays.copyOfRange(text, start, i);
				start = i + 1;
				if (line.length == 0) {
					continue;
				}
				Instant lineTime = kubeletTime(line);
				if (lineTime != null && (newest == null || lineTime.isAfter(newest))) {
					newest = lineTime;
				}
				CryptnonoLogParser.ParseResult result = CryptnonoLogParser.parse(line, container,
						lineTime == null ? clock.instant() : lineTime);
				meters.counter("hubguard_cryptnono_lines_total", "outcome", result.outcome().name().toLowerCase())
					.increment();
				result.event().ifPresent(events::add);
				if (result.outcome() == CryptnonoLogParser.Outcome.MALFORMED) {
					log.debug("skipped a cryptnono line from {}/{}/{}: {}", cluster, pod, container, result.detail());
				}
			}
		}
		intake.receive(cluster, pod, node, events);
		return newest;
	}

	private static int restartCount(Pod agent, String container) {
		if (agent.getStatus() == null || agent.getStatus().getContainerStatuses() == null) {
			return 0;
		}
		return agent.getStatus()
			.getContainerStatuses()
			.stream()
			.filter(status -> container.equals(status.getName()) && status.getRestartCount() != null)
			.mapToInt(status -> status.getRestartCount())
			.findFirst()
			.orElse(0);
	}

	/**
	 * The RFC 3339 time the kubelet puts before each line when asked for timestamps, or
	 * null.
	 */
	static Instant kubeletTime(byte[] line) {
		int space = -1;
		for (int i = 0; i < Math.min(line.length, 40); i++) {
			if (line[i] == ' ') {
				space = i;
				break;
			}
		}
		if (space < 20) {
			return null;
		}
		try {
			return Instant.parse(new String(line, 0, space, java.nio.charset.StandardCharsets.US_ASCII));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
