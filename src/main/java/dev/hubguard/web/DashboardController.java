package dev.hubguard.web;

import dev.hubguard.abuse.AbuseReports;
import dev.hubguard.cluster.CacheState;
import dev.hubguard.cluster.ClusterCache;
import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.egress.InternetAccess;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.identity.Access;
import dev.hubguard.isolation.IsolationViews;
import dev.hubguard.secrets.Secrets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class DashboardController {

	private final Access access;

	private final HubCatalogue catalogue;

	private final InternetAccess internetAccess;

	private final Reconciler reconciler;

	private final AbuseReports abuse;

	private final ClusterCaches caches;

	private final IsolationViews isolation;

	private final Secrets secrets;

	private final dev.hubguard.changes.ChangeRequests changes;

	private final dev.hubguard.abuse.SecurityConcerns concerns;

	private final java.time.Clock clock;

	private final HubTable table;

	private final SupportContact support;

	private final dev.hubguard.secrets.SecretCounts secretCounts;

	DashboardController(SupportContact support, dev.hubguard.secrets.SecretCounts secretCounts, HubTable table,
			Access access, HubCatalogue catalogue, InternetAccess internetAccess, Reconciler reconciler,
			AbuseReports abuse, ClusterCaches caches, Secrets secrets, IsolationViews isolation,
			dev.hubguard.changes.ChangeRequests changes, dev.hubguard.abuse.SecurityConcerns concerns,
			java.time.Clock clock) {
		this.table = table;
		this.support = support;
		this.secretCounts = secretCounts;
		this.changes = changes;
		this.concerns = concerns;
		this.clock = clock;
		this.secrets = secrets;
		this.caches = caches;
		this.isolation = isolation;
		this.access = access;
		this.catalogue = catalogue;
		this.internetAccess = internetAccess;
		this.reconciler = reconciler;
		this.abuse = abuse;
	}

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	record RetiringView(String hub, String retiredAt, String deleteAt) {

		static RetiringView of(Reconciler.Retiring retiring) {
			return new RetiringView(retiring.hub().toString(), UTC.format(retiring.retiredAt()),
					UTC.format(retiring.deleteAt()));
		}

	}

	/**
	 * @param staleStores each store of the cluster whose data is not current:
	 * "NetworkPolicy in all namespaces: 42 s old"
	 */
	record ClusterStateView(boolean syncing, String dataFromText, List<String> staleStores) {
	}

	private List<String> staleStores(String cluster) {
		return caches.forCluster(cluster)
			.map(cache -> cache.stores()
				.stream()
				.filter(ClusterCache.StoreAge::stale)
				.map(store -> store.watch() + ": "
						+ (store.age() == null ? "not synced yet" : store.age().toSeconds() + " s old"))
				.toList())
			.orElse(List.of());
	}

	/** What needs staff's attention now, each count linking to where it is dealt with. */
	record Attention(long pendingRequests, long openReports, long unassignedReports, long assignedToMe,
			long concernsThisWeek, long hubsOutOfSync, long hubsFailingIsolation) {
	}

	private Attention attention(Authentication who, Map<String, dev.hubguard.cluster.ReconcileStatus> sync) {
		var identity = Access.identity(who).orElseThrow();
		AbuseReports.Attention reports = abuse.attention(List.of(identity.handle(), identity.displayName()));
		long outOfSync = sync.values()
			.stream()
			.filter(status -> status.state() != dev.hubguard.cluster.ReconcileState.IN_SYNC)
			.count();
		return new Attention(changes.counts().getOrDefault(dev.hubguard.changes.ChangeState.PENDING, 0L),
				reports.open(), reports.unassigned(), reports.mine(),
				concerns.reportedSince(clock.instant().minus(java.time.Duration.ofDays(7))), outOfSync,
				isolation.failingHubs());
	}

	/**
	 * Staff, and anyone with more than {@link HubTable#MAX_CARDS} hubs, get the table; a
	 * search, a sort, a cursor or {@code view=table} asks for it too.
	 */
	@GetMapping("/")
	String dashboard(Authentication authentication, @RequestParam(required = false) String q,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String view, Model model) {
		boolean staff = access.isStaff(authentication);
		List<dev.hubguard.hub.CatalogueHub> visible = access.visibleHubs(authentication);
		List<HubView> hubs = visible.stream().map(HubView::of).toList();
		Map<String, List<HubView>> byCluster = hubs.stream()
			.collect(Collectors.groupingBy(HubView::cluster, TreeMap::new, Collectors.toList()));
		model.addAttribute("hubCount", hubs.size());
		if (hubs.isEmpty() && !staff) {
			model.addAttribute("support", support.forAccess(Access.handle(authentication)));
		}
		model.addAttribute("clusterCountOfHubs", byCluster.size());
		model.addAttribute("staff", staff);
		model.addAttribute("clusterCount", catalogue.clusters().size());
		boolean asked = q != null || sort != null || dir != null || cursor != null || limit != null
				|| "table".equals(view);
		HubTable.Query query = HubTable.Query.of(q, sort, dir, cursor, limit);
		Map<String, dev.hubguard.cluster.ReconcileStatus> sync = reconciler.statusByHub();
		if (staff || hubs.size() > HubTable.MAX_CARDS || asked) {
			model.addAttribute("table", table.page(visible, query, sync));
			model.addAttribute("query", query);
			model.addAttribute("hubsByCluster", Map.of());
		}
		else {
			model.addAttribute("hubsByCluster", byCluster);
			model.addAttribute("access", internetAccess.summaries());
			model.addAttribute("sync", sync);
			model.addAttribute("openReports", abuse.openCounts());
			Map<String, Integer> scores = isolation.latestScores();
			model.addAttribute("scores", scores);
			model.addAttribute("grades",
					hubs.stream().collect(Collectors.toMap(HubView::ref, h -> HubRow.grade(scores.get(h.ref())))));
			model.addAttribute("secretCounts", secretCounts.byHub());
		}
		model.addAttribute("attention", staff ? attention(authentication, sync) : null);
		model.addAttribute("retiring",
				staff ? reconciler.retiring().stream().map(RetiringView::of).toList() : List.of());
		Map<String, ClusterStateView> unhealthy = new TreeMap<>();
		if (staff) {
			catalogue.clusters()
				.forEach(cluster -> caches.forCluster(cluster.name())
					.map(ClusterCache::state)
					.filter(state -> state.status() != CacheState.Status.SYNCED)
					.ifPresent(state -> unhealthy.put(cluster.name(),
							new ClusterStateView(state.status() == CacheState.Status.SYNCING,
									state.dataFrom() == null ? null : UTC.format(state.dataFrom()),
									staleStores(cluster.name())))));
		}
		model.addAttribute("unhealthyClusters", unhealthy);
		model.addAttribute("isolationWorse", staff ? isolation.gotWorse() : List.of());
		model.addAttribute("overdueSecrets", staff ? secrets.overdue() : List.of());
		return "web/dashboard";
	}

}
