package dev.hubguard.secrets;

import dev.hubguard.cluster.CacheState;
import dev.hubguard.cluster.ClusterCache;
import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.NotFoundException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Assembles {@link SecretsPageView}s from the database and the cluster cache (no API
 * request per page view).
 */
@Component
public class SecretsPages {

	private final Secrets secrets;

	private final SecretHubs hubs;

	/** The latest changes the page shows of each secret. */
	static final int HISTORY = 20;

	private final SecretHistory history;

	private final ClusterCaches caches;

	private final HubCatalogue catalogue;

	private final AllowedNames allowedNames;

	private final Map<HubRef, WiringMemo> wiringMemo = new ConcurrentHashMap<>();

	private final UndeliverableSecrets undeliverable;

	SecretsPages(SecretHubs hubs, Secrets secrets, SecretHistory history, ClusterCaches caches, HubCatalogue catalogue,
			UndeliverableSecrets undeliverable, AllowedNames allowedNames) {
		this.undeliverable = undeliverable;
		this.allowedNames = allowedNames;
		this.secrets = secrets;
		this.history = history;
		this.hubs = hubs;
		this.caches = caches;
		this.catalogue = catalogue;
	}

	/** A hub's summary for its overview page. */
	public record Summary(int count, long overdue, String env, String files, int restartNeeded, boolean needsApproval) {
	}

	CatalogueHub hub(String cluster, String hub) {
		if (!HubRef.isValidName(cluster) || !HubRef.isValidName(hub)) {
			throw new NotFoundException("No hub " + cluster + "/" + hub + ".");
		}
		return catalogue.find(new HubRef(cluster, hub))
			.orElseThrow(() -> new NotFoundException("No hub " + cluster + "/" + hub + "."));
	}

	public SecretsPageView view(CatalogueHub hub) {
		return view(hub, secrets.list(hub.ref()));
	}

	/** The page's view: each secret with its latest changes. */
	SecretsPageView withHistory(CatalogueHub hub) {
		Map<String, List<SecretHistory.Entry>> histories = history.ofHub(hub.ref().toString(), HISTORY);
		return view(hub, secrets.list(hub.ref())
			.stream()
			.map(s -> s.withHistory(
					histories.getOrDefault(s.name(), List.of()).stream().map(SecretView.HistoryView::of).toList()))
			.toList());
	}

	private SecretsPageView view(CatalogueHub hub, List<SecretView> list) {
		return new SecretsPageView(hub.ref().toString(), secrets.needsApproval(hub.ref()), list, wiring(hub, list),
				undeliverable.names(hub.ref()), allowedNames.list(hub.ref()));
	}

	public Summary summary(CatalogueHub hub) {
		SecretsPageView view = view(hub);
		return new Summary(view.secrets().size(), view.secrets().stream().filter(SecretView::overdue).count(),
				view.wiring().env(), view.wiring().files(), view.wiring().restartNeeded().size(), view.needsApproval());
	}

	private SecretsPageView.WiringView wiring(CatalogueHub hub, List<SecretView> list) {
		SecretHubs.HubState state = hubs.hub(hub.ref().toString());
		Optional<ClusterCache> cache = caches.forCluster(hub.ref().cluster());
		CacheState cacheState = cache.map(ClusterCache::state).orElse(new CacheState(CacheState.Status.SYNCING, null));
		Set<String> envNames = list.stream()
			.filter(s -> s.delivery() == Delivery.ENV)
			.map(SecretView::name)
			.collect(Collectors.toSet());
		Wiring.Report report = cache.filter(c -> cacheState.usable())
			.map(c -> check(c, hub, envNames, state.envChangedAt()))
			.orElseGet(() -> Wiring.check(List.of(), envNames, state.envChangedAt()));
		Map<String, List<String>> inCluster = new TreeMap<>();
		cache.filter(c -> cacheState.usable())
			.map(c -> c.<io.fabric8.kubernetes.api.model.Secret>list(SecretWatches.OWNED, hub.namespace()))
			.orElse(List.of())
			.forEach(secret -> inCluster.put(secret.getMetadata().getName(), keys(secret)));
		String env = cacheState.usable() ? report.env().name() : "UNKNOWN";
		String files = cacheState.usable() ? report.files().name() : "UNKNOWN";
		return new SecretsPageView.WiringView(cacheState, env, files, report.pods(), report.shadowed(),
				report.restartNeeded(), state.envChangedAt(), state.filesChangedAt(), inCluster,
				SecretsPageView.CONFIGURATION);
	}

	/**
	 * The wiring of a hub's running servers, checked again only when the cluster's cache,
	 * the hub's variables or the time they changed did: a hub of a thousand servers is
	 * not read pod by pod on every view of its page.
	 */
	private Wiring.Report check(ClusterCache cache, CatalogueHub hub, Set<String> envNames, Instant envChangedAt) {
		long revision = cache.revision();
		WiringMemo memo = wiringMemo.get(hub.ref());
		if (memo != null && memo.cache() == cache && memo.revision() == revision
				&& memo.namespace().equals(hub.namespace()) && memo.envNames().equals(envNames)
				&& Objects.equals(memo.envChangedAt(), envChangedAt)) {
			return memo.report();
		}
		List<Pod> pods = cache.userPods(hub.namespace());
		Wiring.Report report = Wiring.check(pods, envNames, envChangedAt);
		wiringMemo.put(hub.ref(), new WiringMemo(cache, revision, hub.namespace(), envNames, envChangedAt, report));
		return report;
	}

	/**
	 * A wiring report and what it was computed from (the revision read before the pods).
	 */
	private record WiringMemo(ClusterCache cache, long revision, String namespace, Set<String> envNames,
			Instant envChangedAt, Wiring.Report report) {
	}

	/** Key names only: the cache holds the values, a page never shows them. */
	private static List<String> keys(Secret secret) {
		return secret.getData() == null ? List.of() : secret.getData().keySet().stream().sorted().toList();
	}

}
