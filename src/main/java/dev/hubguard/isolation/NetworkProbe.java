package dev.hubguard.isolation;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.cluster.ClusterCache;
import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.egress.EgressWatches;
import dev.hubguard.cluster.ClusterClients;
import dev.hubguard.cluster.ClusterProperties;
import dev.hubguard.egress.Verdict;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.shared.ConflictException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.annotation.PreDestroy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs the active network probe in a hub's namespace: creates the probe pod, waits for
 * it, reads its log, deletes it, and compares what it reached with what the hub's
 * NetworkPolicies decide. Runs one probe at a time, in the background; each run is
 * recorded and audited.
 */
@Service
public class NetworkProbe {

	private static final Logger log = LoggerFactory.getLogger(NetworkProbe.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final ClusterClients clients;

	private final ClusterCaches caches;

	private final ProbeRuns runs;

	private final ProbeProperties properties;

	private final AuditLog audit;

	private final Clock clock;

	private final String instance;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "hubguard-probe");
		thread.setDaemon(true);
		return thread;
	});

	NetworkProbe(ClusterClients clients, ClusterCaches caches, ProbeRuns runs, ProbeProperties properties,
			ClusterProperties clusters, AuditLog audit, Clock clock) {
		this.clients = clients;
		this.caches = caches;
		this.runs = runs;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
		this.instance = clusters.instance();
	}

	public boolean enabled(CatalogueHub hub) {
		return properties.enabled(hub.ref().cluster());
	}

	/** Starts a run in the background; refused when off or when one runs for the hub. */
	public Future<?> start(CatalogueHub hub, String by) {
		if (!enabled(hub)) {
			throw new ConflictException("The network probe is off for the cluster " + hub.ref().cluster()
					+ ": staff turn it on with HUBGUARD_ISOLATION_PROBE_CLUSTERS.");
		}
		String ref = hub.ref().toString();
		if (!running.add(ref)) {
			throw new ConflictException("A network probe is already running for " + ref + ".");
		}
		String pod = "hubguard-probe-" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
		long id;
		try {
			id = runs.start(ref, pod, by, clock.instant());
		}
		catch (RuntimeException ex) {
			running.remove(ref);
			throw ex;
		}
		return executor.submit(() -> {
			try {
				run(hub, id, pod, by);
			}
			finally {
				running.remove(ref);
			}
		});
	}

	private void run(CatalogueHub hub, long id, String name, String by) {
		String ref = hub.ref().toString();
		ProbeRun.Outcome outcome;
		List<ProbeRun.Reach> reaches = List.of();
		String error = null;
		KubernetesClient client = clients.forCluster(hub.ref().cluster()).orElse(null);
		ClusterCache cache = caches.forCluster(hub.ref().cluster()).orElse(null);
		if (client == null || cache == null) {
			outcome = ProbeRun.Outcome.FAILED;
			error = "The cluster " + hub.ref().cluster() + " has no client configured.";
		}
		else {
			try {
				Pod other = otherUserServer(cache, hub);
				List<ProbePod.Target> targets = ProbePod.targets(properties.publicAddress(),
						other == null ? null : other.getStatus().getPodIP());
				Pod pod = ProbePod.build(hub, name, instance, properties.image(), properties.deadline().toSeconds(),
						targets);
				String text = runPod(client, pod);
				reaches = compare(ProbeLog.parse(text), cache.list(EgressWatches.POLICIES, hub.namespace()),
						hub.namespace(), pod.getMetadata().getLabels(),
						other == null ? null : other.getMetadata().getLabels());
				outcome = reaches.stream().anyMatch(ProbeRun.Reach::breach) ? ProbeRun.Outcome.NOT_ENFORCED
						: ProbeRun.Outcome.ENFORCED;
			}
			catch (KubernetesClientException ex) {
				outcome = ProbeRun.Outcome.FAILED;
				error = "The cluster did not run the probe pod: " + (ex.getCode() > 0
						? "it answered " + ex.getCode() + " " + ex.getStatus().getReason() : "it is unreachable") + ".";
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				outcome = ProbeRun.Outcome.FAILED;
				error = ex.getMessage();
			}
			finally {
				delete(client, hub.namespace(), name);
			}
		}
		finish(id, ref, by, outcome, reaches, error);
		log.info("network probe {} for {}: {}", name, ref, outcome);
	}

	/**
	 * Fails a run left running by a replica that stopped, deleting its pod when the hub
	 * is still in the catalogue.
	 */
	void abandon(ProbeRun run, java.util.Optional<CatalogueHub> hub) {
		hub.ifPresent(found -> clients.forCluster(found.ref().cluster())
			.ifPresent(client -> delete(client, found.namespace(), run.pod())));
		finish(run.id(), run.hub(), "hubguard", ProbeRun.Outcome.FAILED, List.of(),
				"The replica running this probe stopped before it finished.");
	}

	private void finish(long id, String hub, String by, ProbeRun.Outcome outcome, List<ProbeRun.Reach> reaches,
			String error) {
		runs.finish(id, outcome, reaches, error, clock.instant());
		audit.record(AuditEvent.of(by, hub, "isolation.probe-run", summary(outcome, reaches, error)));
	}

	/** Creates the pod, waits until it has finished, and answers its log. */
	private String runPod(KubernetesClient client, Pod pod) {
		var resource = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod);
		resource.create();
		long wait = properties.deadline().toSeconds() + 30;
		Pod done;
		try {
			done = client.pods()
				.inNamespace(pod.getMetadata().getNamespace())
				.withName(pod.getMetadata().getName())
				.waitUntilCondition(p -> p == null || finished(p), wait, TimeUnit.SECONDS);
		}
		catch (KubernetesClientException ex) {
			if (ex.getCause() instanceof java.util.concurrent.TimeoutException) {
				throw new IllegalStateException("The probe pod did not finish within " + wait + " s.");
			}
			throw ex;
		}
		if (done == null) {
			throw new IllegalStateException("The probe pod was deleted before it finished.");
		}
		if (!"Succeeded".equals(done.getStatus().getPhase())) {
			throw new IllegalStateException("The probe pod ended " + done.getStatus().getPhase()
					+ (done.getStatus().getReason() == null ? "" : " (" + done.getStatus().getReason() + ")") + ".");
		}
		return client.pods()
			.inNamespace(pod.getMetadata().getNamespace())
			.withName(pod.getMetadata().getName())
			.inContainer(ProbePod.CONTAINER)
			.getLog();
	}

	private static boolean finished(Pod pod) {
		String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
		return "Succeeded".equals(phase) || "Failed".equals(phase);
	}

	private void delete(KubernetesClient client, String namespace, String name) {
		try {
			client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
		}
		catch (KubernetesClientException ex) {
			log.warn("could not delete probe pod {}/{}: {}; its deadline stops it", namespace, name, ex.getMessage());
		}
	}

	private static Pod otherUserServer(ClusterCache cache, CatalogueHub hub) {
		return cache.userPods(hub.namespace())
			.stream()
			.filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null
					&& "Running".equals(p.getStatus().getPhase()))
			.findFirst()
			.orElse(null);
	}

	/** What the probe reached beside what the policies decide, one row per target. */
	static List<ProbeRun.Reach> compare(List<ProbeLog.Tried> tried, List<NetworkPolicy> policies, String namespace,
			Map<String, String> probeLabels, Map<String, String> otherUserLabels) {
		List<ProbeRun.Reach> reaches = new ArrayList<>();
		for (ProbeLog.Tried one : tried) {
			if (one.address().isEmpty()) {
				reaches.add(new ProbeRun.Reach(one.target(), "", one.port(), false, false, "Not tried: no address."));
				continue;
			}
			Verdict verdict = ProbeExpectations.verdict(policies, namespace, probeLabels, one.target(), one.address(),
					one.port(), "other-user-server".equals(one.target()) ? otherUserLabels : null);
			reaches.add(new ProbeRun.Reach(one.target(), one.address(), one.port(), one.reached(), verdict.allowed(),
					verdict.reason()));
		}
		return reaches;
	}

	private static String summary(ProbeRun.Outcome outcome, List<ProbeRun.Reach> reaches, String error) {
		return switch (outcome) {
			case ENFORCED -> "Network probe: the NetworkPolicies held for " + reaches.size() + " destinations.";
			case NOT_ENFORCED -> "Network probe: policy not enforced — " + String.join(" ",
					reaches.stream().filter(ProbeRun.Reach::breach).map(ProbeRun.Reach::describe).toList());
			default -> "Network probe failed: " + error;
		};
	}

	@PreDestroy
	void stop() {
		executor.shutdownNow();
	}

}
