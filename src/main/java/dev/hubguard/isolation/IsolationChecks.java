package dev.hubguard.isolation;

import dev.hubguard.cluster.CacheState;
import dev.hubguard.cluster.ClusterCache;
import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.abuse.CryptnonoWatches;
import dev.hubguard.egress.EffectiveAccess;
import dev.hubguard.egress.EgressWatches;
import dev.hubguard.egress.EgressPolicy;
import dev.hubguard.egress.InternetAccess;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes hubs' isolation reports from the cluster caches only (no API request), then
 * applies staff's exemptions.
 */
@org.springframework.stereotype.Service
public class IsolationChecks {

	private final ClusterCaches caches;

	private final EffectiveAccess effectiveAccess;

	private final InternetAccess internetAccess;

	private final HubCatalogue catalogue;

	private final Exemptions exemptions;

	private final Clock clock;

	/** Each hub's remembered pod verdicts, by {@code cluster/hub}. */
	private final Map<String, PodVerdicts> verdicts = new ConcurrentHashMap<>();

	/**
	 * Each hub's last report with what it was computed from, by {@code cluster/hub}:
	 * written by {@link #compute} only, which runs one at a time.
	 */
	private volatile Map<String, Computed> computed = Map.of();

	private final ProbeRuns probes;

	private final ProbeProperties probe;

	private final LatestReports latest = new LatestReports(this::revision, this::compute);

	IsolationChecks(ClusterCaches caches, EffectiveAccess effectiveAccess, InternetAccess internetAccess,
			HubCatalogue catalogue, Exemptions exemptions, Clock clock, ProbeRuns probes, ProbeProperties probe) {
		this.probes = probes;
		this.probe = probe;
		this.caches = caches;
		this.effectiveAccess = effectiveAccess;
		this.internetAccess = internetAccess;
		this.catalogue = catalogue;
		this.exemptions = exemptions;
		this.clock = clock;
	}

	public IsolationReport report(CatalogueHub hub) {
		return report(hub, exemptions.current(hub.ref()), internetAccess.desiredPolicy(hub.ref()).orElse(null),
				probes.latest(hub.ref().toString()).orElse(null));
	}

	/**
	 * Every catalogue hub's report, in catalogue order: remembered, see
	 * {@link LatestReports} for how fresh.
	 */
	public List<IsolationReport> reports() {
		return latest
			.get(new LatestReports.Inputs(catalogue.hubs(), exemptions.allCurrent(), internetAccess.desiredPolicies(),
					probes.latestByHub(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), ownedRevisions()));
	}

	/** How often the objects Hubguard owns changed, by cluster. */
	private Map<String, Long> ownedRevisions() {
		Map<String, Long> revisions = new TreeMap<>();
		for (CatalogueHub hub : catalogue.hubs()) {
			revisions.computeIfAbsent(hub.ref().cluster(),
					cluster -> caches.forCluster(cluster).map(ClusterCache::ownedRevision).orElse(-1L));
		}
		return revisions;
	}

	/** Each cluster's cache revision and status (the time too, when it is cut off). */
	private Object revision() {
		Map<String, String> revisions = new TreeMap<>();
		for (CatalogueHub hub : catalogue.hubs()) {
			revisions.computeIfAbsent(hub.ref().cluster(), cluster -> caches.forCluster(cluster).map(cache -> {
				CacheState state = cache.state();
				return cache.revision() + " " + state.status()
						+ (state.status() == CacheState.Status.UNREACHABLE ? " " + state.dataFrom() : "");
			}).orElse("none"));
		}
		return revisions;
	}

	/**
	 * Every hub's report; a hub whose inputs and cached objects are the very ones its
	 * last report was computed from keeps that report, so a change costs the hubs it
	 * touches rather than all of them.
	 */
	private List<IsolationReport> compute(LatestReports.Inputs inputs) {
		Map<String, List<Exemption>> byHub = inputs.exemptions()
			.stream()
			.collect(Collectors.groupingBy(Exemption::hub));
		Map<String, Optional<ClusterObjects>> clusters = new HashMap<>();
		Map<String, Computed> before = computed;
		Map<String, Computed> after = new HashMap<>();
		List<IsolationReport> reports = new ArrayList<>();
		for (CatalogueHub hub : inputs.hubs()) {
			String ref = hub.ref().toString();
			List<Exemption> granted = byHub.getOrDefault(ref, List.of());
			EgressPolicy desired = inputs.desired().get(ref);
			ProbeRun probed = inputs.probes().get(ref);
			Basis basis = clusters.computeIfAbsent(hub.ref().cluster(), this::clusterObjects)
				.map(cluster -> cluster.basis(hub, granted, desired, probed, inputs.day()))
				.orElse(null);
			Computed known = before.get(ref);
			if (basis != null && known != null && known.basis().same(basis)) {
				after.put(ref, known);
				reports.add(known.report());
				continue;
			}
			PodVerdicts remembered = verdicts.computeIfAbsent(ref, key -> new PodVerdicts());
			IsolationReport report;
			synchronized (remembered) {
				remembered.startRound();
				report = report(hub, granted, desired, probed, remembered);
				if (report.available()) {
					remembered.endRound();
				}
			}
			if (basis != null && report.available() && report.stale() == null) {
				// (Not when the cluster was cut off or relisted meanwhile.)
				after.put(ref, new Computed(basis, report));
			}
			reports.add(report);
		}
		computed = after;
		Set<String> present = inputs.hubs().stream().map(hub -> hub.ref().toString()).collect(Collectors.toSet());
		verdicts.keySet().retainAll(present);
		return List.copyOf(reports);
	}

	private IsolationReport report(CatalogueHub hub, List<Exemption> granted, EgressPolicy desired, ProbeRun probed) {
		return report(hub, granted, desired, probed,
				verdicts.computeIfAbsent(hub.ref().toString(), key -> new PodVerdicts()));
	}

	private IsolationReport report(CatalogueHub hub, List<Exemption> granted, EgressPolicy desired, ProbeRun probed,
			PodVerdicts remembered) {
		Instant now = clock.instant();
		HubRef ref = hub.ref();
		Optional<ClusterCache> found = caches.forCluster(ref.cluster());
		if (found.isEmpty()) {
			return new IsolationReport(ref.toString(), ref.cluster(), List.of(), List.of(), null,
					"The cluster " + ref.cluster() + " has no client configured.", now);
		}
		ClusterCache cache = found.get();
		CacheState state = cache.state();
		if (state.status() == CacheState.Status.SYNCING) {
			return new IsolationReport(ref.toString(), ref.cluster(), List.of(), List.of(), null,
					"Syncing: Hubguard is still reading the cluster " + ref.cluster() + ".", now);
		}
		String stale = state.status() == CacheState.Status.UNREACHABLE
				? state.staleness(now) + ": Hubguard's view of the cluster is cut off." : null;
		HubFacts facts = facts(hub, cache, desired, probed);
		return evaluate(facts, granted, stale, now, remembered::of);
	}

	/** A report and what it was computed from. */
	private record Computed(Basis basis, IsolationReport report) {
	}

	/**
	 * What one hub's report is computed from: the hub's inputs in Hubguard by value, the
	 * cached objects by identity (a cache replaces an object that changes, so the same
	 * instances are the same objects).
	 */
	private record Basis(CatalogueHub hub, List<Exemption> granted, EgressPolicy desired, ProbeRun probed,
			boolean probeEnabled, LocalDate day, List<List<?>> objects) {

		boolean same(Basis other) {
			if (!hub.equals(other.hub) || !granted.equals(other.granted) || !Objects.equals(desired, other.desired)
					|| !Objects.equals(probed, other.probed) || probeEnabled != other.probeEnabled
					|| !day.equals(other.day) || objects.size() != other.objects.size()) {
				return false;
			}
			for (int i = 0; i < objects.size(); i++) {
				List<?> mine = objects.get(i);
				List<?> theirs = other.objects.get(i);
				if (mine.size() != theirs.size()) {
					return false;
				}
				for (int j = 0; j < mine.size(); j++) {
					if (mine.get(j) != theirs.get(j)) {
						return false;
					}
				}
			}
			return true;
		}

	}

	/**
	 * One synced cluster's cache with the objects that every hub's report reads from the
	 * whole cluster, read once per computation.
	 */
	private record ClusterObjects(ClusterCache cache, boolean probeEnabled, List<List<?>> shared) {

		Basis basis(CatalogueHub hub, List<Exemption> granted, EgressPolicy desired, ProbeRun probed, LocalDate day) {
			String ns = hub.namespace();
			List<List<?>> objects = new ArrayList<>(shared);
			objects.add(cache.userPods(ns));
			objects.add(cache.list(EgressWatches.POLICIES, ns));
			objects.add(cache.list(IsolationWatches.SERVICE_ACCOUNTS, ns));
			objects.add(cache.list(IsolationWatches.ROLES, ns));
			objects.add(cache.list(IsolationWatches.SERVICES, ns));
			objects.add(cache.list(IsolationWatches.INGRESSES, ns));
			return new Basis(hub, granted, desired, probed, probeEnabled, day, objects);
		}

	}

	/**
	 * A cluster whose reports may be kept while nothing they read changed; empty when it
	 * has no client, is still syncing or is cut off (then the report says since when, and
	 * that changes with time).
	 */
	private Optional<ClusterObjects> clusterObjects(String cluster) {
		return caches.forCluster(cluster)
			.filter(cache -> cache.state().status() == CacheState.Status.SYNCED)
			.map(cache -> new ClusterObjects(cache, probe.enabled(cluster),
					List.of(cache.list(IsolationWatches.ROLE_BINDINGS, null),
							cache.list(IsolationWatches.CLUSTER_ROLE_BINDINGS, null),
							cache.list(EgressWatches.DAEMON_SETS, null), cache.list(IsolationWatches.DEPLOYMENTS, null),
							cache.list(IsolationWatches.STATEFUL_SETS, null),
							cache.list(CryptnonoWatches.PODS, null))));
	}

	private HubFacts facts(CatalogueHub hub, ClusterCache cache, EgressPolicy desired, ProbeRun probed) {
		String ns = hub.namespace();
		return new HubFacts(hub, cache.userPods(ns), cache.list(EgressWatches.POLICIES, ns),
				cache.list(IsolationWatches.SERVICE_ACCOUNTS, ns), cache.list(IsolationWatches.ROLES, ns),
				cache.list(IsolationWatches.ROLE_BINDINGS, null),
				cache.list(IsolationWatches.CLUSTER_ROLE_BINDINGS, null), cache.list(EgressWatches.DAEMON_SETS, null),
				cache.list(IsolationWatches.DEPLOYMENTS, null), cache.list(IsolationWatches.STATEFUL_SETS, null),
				cache.list(IsolationWatches.SERVICES, ns), cache.list(IsolationWatches.INGRESSES, ns),
				cache.list(CryptnonoWatches.PODS, null), effectiveAccess.evaluate(hub), desired,
				probe.enabled(hub.ref().cluster()), probed);
	}

	/** Pure: the facts and exemptions in, the report out. */
	static IsolationReport evaluate(HubFacts facts, List<Exemption> granted, String stale, Instant now) {
		return evaluate(facts, granted, stale, now, PodChecks::verdict);
	}

	private static IsolationReport evaluate(HubFacts facts, List<Exemption> granted, String stale, Instant now,
			Function<Pod, PodChecks.Verdict> verdicts) {
		PodChecks.Outcome pods = PodChecks.check(facts.userPods(), verdicts);
		List<Finding> findings = new ArrayList<>(pods.findings());
		findings.add(AccountChecks.token(facts));
		findings.addAll(NetworkChecks.check(facts));
		findings.addAll(HubChecks.check(facts));
		findings.addAll(PlatformChecks.check(facts));
		findings = Exemption.apply(findings, granted, now);
		boolean tokenFails = findings.stream().anyMatch(f -> f.check() == Checks.TOKEN && f.result() == Result.FAIL);
		List<IsolationReport.UserServer> users = new ArrayList<>(facts.userPods().size());
		for (Pod pod : facts.userPods()) {
			List<String> violations = pods.violationsByPod().getOrDefault(pod.getMetadata().getName(), List.of());
			if (tokenFails && AccountChecks.tokenMounted(pod, null)) {
				violations = new ArrayList<>(violations);
				violations.add(Checks.TOKEN.id());
			}
			String user = pod.getMetadata().getAnnotations() == null ? null
					: pod.getMetadata().getAnnotations().get("hub.jupyter.org/username");
			users.add(new IsolationReport.UserServer(user == null ? "(unknown)" : user, pod.getMetadata().getName(),
					pod.getStatus() == null ? null : pod.getStatus().getPhase(),
					pod.getSpec() == null ? null : pod.getSpec().getNodeName(), violations));
		}
		users.sort(java.util.Comparator.comparing(IsolationReport.UserServer::username));
		return new IsolationReport(facts.hub().ref().toString(), facts.hub().ref().cluster(), findings, users, stale,
				null, now);
	}

}
