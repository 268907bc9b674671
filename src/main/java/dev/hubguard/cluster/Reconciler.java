package dev.hubguard.cluster;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.CatalogueRefreshed;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Level-based: on the leader only, each pass renders what every owned object should be
 * and lets {@link ObjectSync} make the cluster match; owned objects that nothing renders
 * any more are pruned, and so, after a grace period, are those of hubs that left the
 * catalogue. Hubs named by a signal (a committed approval, an owned object changed in the
 * cluster, a hub new in the catalogue) are reconciled at once and alone on a thread of
 * their own, never behind a pass over other hubs. The periodic pass finds the rest: hubs
 * whose desired state moved past the watermark (changes made on other replicas), retries
 * that are due, and every hub at each resync. One hub is reconciled by one thread at a
 * time. Nothing is lost when a cluster is down: the desired state is in the database and
 * the retry picks it up.
 */
@Service
public class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private final List<DesiredObjects> features;

	private final ObjectSync sync;

	private final LeaderLock leader;

	private final ReconcileStatusStore statuses;

	private final HubCatalogue catalogue;

	private final ReconcilerProperties properties;

	private final List<Class<? extends HasMetadata>> kinds;

	private final Clock clock;

	/** Hubs named by a signal, reconciled at once by {@link #signalled}. */
	private final LinkedBlockingQueue<HubRef> queue = new LinkedBlockingQueue<>();

	private final ExecutorService loop = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "hubguard-reconciler");
		thread.setDaemon(true);
		return thread;
	});

	private final ExecutorService signalled = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "hubguard-reconciler-signalled");
		thread.setDaemon(true);
		return thread;
	});

	/** One hub is reconciled by one thread at a time. */
	private final Map<HubRef, ReentrantLock> reconciling = new ConcurrentHashMap<>();

	private volatile Set<HubRef> knownHubs;

	private final RetiredHubPruner retired;

	private final HubReconcile hubs;

	private final ReconcileErrors errors;

	/** Each feature's watermark at the last pass; absent before the first. */
	private final Map<DesiredObjects, Long> watermarks = new HashMap<>();

	/** The worst status of each hub, read again only when a status row was written. */
	private final java.util.function.Supplier<Map<String, ReconcileStatus>> statusByHub;

	private Instant lastResync = Instant.EPOCH;

	private Instant lastRetryCheck = Instant.EPOCH;

	Reconciler(List<DesiredObjects> features, ObjectSync sync, LeaderLock leader, ReconcileStatusStore statuses,
			HubCatalogue catalogue, ReconcilerProperties properties, ClusterProperties clusterProperties, Clock clock,
			ReconcileErrors errors, ClusterCaches caches, dev.hubguard.shared.DataRevisions revisions) {
		this.statusByHub = revisions.memo(this::readStatusByHub, "reconcile_status");
		this.errors = errors;
		this.features = features;
		this.kinds = features.stream().flatMap(feature -> feature.kinds().stream()).distinct().toList();
		this.sync = sync;
		this.leader = leader;
		this.statuses = statuses;
		this.catalogue = catalogue;
		this.properties = properties;
		this.clock = clock;
		this.retired = new RetiredHubPruner(catalogue, sync, clusterProperties, clock, kinds);
		this.hubs = new HubReconcile(features, kinds, sync, statuses, catalogue, errors);
		caches.onOwnedChange(this::signal);
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		loop.submit(this::run);
		signalled.submit(this::runSignalled);
	}

	/** Every tick: the periodic pass. */
	private void run() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				pass();
				Thread.sleep(properties.tick().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Wakes as soon as a hub is queued and reconciles the queued hubs alone, whatever the
	 * periodic pass is doing.
	 */
	private void runSignalled() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Set<HubRef> work = new LinkedHashSet<>();
				work.add(queue.take());
				queue.drainTo(work);
				if (leader.isLeader()) {
					reconcileByCluster(work);
				}
				// Else the leader picks changes made here up from the watermark.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				log.error("reconciling signalled hubs failed; the next pass retries", ex);
			}
		}
	}

	/** After the approving transaction commits: reconcile that hub now. */
	@TransactionalEventListener
	void desiredStateChanged(DesiredStateChanged event) {
		queue.add(event.hub());
	}

	/**
	 * The state of every hub's owned objects (the worst one when a hub has several), by
	 * {@code cluster/hub}.
	 */
	public Map<String, ReconcileStatus> statusByHub() {
		return statusByHub.get();
	}

	private Map<String, ReconcileStatus> readStatusByHub() {
		Map<String, ReconcileStatus> byHub = new java.util.HashMap<>();
		for (ReconcileStatus status : statuses.all()) {
			byHub.merge(status.hub(), status, (a, b) -> a.state().ordinal() >= b.state().ordinal() ? a : b);
		}
		return java.util.Collections.unmodifiableMap(byHub);
	}

	/** The status of every owned object of a hub. */
	public List<ReconcileStatus> status(HubRef hub) {
		return statuses.forHub(hub.toString());
	}

	void pass() {
		try {
			if (!leader.isLeader()) {
				// Every feature's hubs are reconciled once this replica leads.
				watermarks.clear();
				return;
			}
			Set<HubRef> work = new LinkedHashSet<>();
			Instant now = clock.instant();
			boolean resync = now.isAfter(lastResync.plus(properties.resync()));
			for (DesiredObjects feature : features) {
				// Read before the hubs: a change committed meanwhile moves it again.
				long watermark = feature.watermark();
				Long last = watermarks.put(feature, watermark);
				if (last == null || resync) {
					work.addAll(feature.managedHubs());
				}
				else if (watermark != last) {
					work.addAll(feature.changedSince(last));
				}
			}
			if (resync) {
				// Every hub, also those no feature manages now: they may hold objects to
				// prune.
				catalogue.hubs().forEach(hub -> work.add(hub.ref()));
				retired.pruneAll(now);
				lastResync = now;
			}
			else {
				retired.pruneDue(now);
			}

			if (now.isAfter(lastRetryCheck.plusSeconds(1))) {
				statuses.dueForRetry(now).forEach(hub -> work.add(HubRef.parse(hub)));
				lastRetryCheck = now;
			}
			reconcileByCluster(work);
		}
		catch (RuntimeException ex) {
			log.error("reconciler pass failed; the next pass retries", ex);
		}
	}

	/**
	 * One full resync now, on the caller's thread: every catalogue hub is reconciled (and
	 * pruned). For operators and benchmarks; the leader does the same every
	 * {@code hubguard.reconciler.resync}.
	 */
	public void resyncNow() {
		Set<HubRef> all = new LinkedHashSet<>();
		catalogue.hubs().forEach(hub -> all.add(hub.ref()));
		reconcileByCluster(all);
	}

	/**
	 * Clusters are worked on side by side, so one that is slow or down delays no other.
	 */
	private void reconcileByCluster(Set<HubRef> work) {
		if (work.isEmpty()) {
			return;
		}
		Map<String, List<HubRef>> byCluster = work.stream().collect(Collectors.groupingBy(HubRef::cluster));
		try (ExecutorService clusters = Executors.newVirtualThreadPerTaskExecutor()) {
			byCluster.values().forEach(hubs -> clusters.submit(() -> {
				for (HubRef hub : hubs) {
					if (Thread.currentThread().isInterrupted()) {
						// Shutting down: the next leader's first pass reconciles
						// every hub.
						return;
					}
					reconcileQuietly(hub);
				}
			}));
		}
	}

	private void reconcileQuietly(HubRef hub) {
		try {
			reconcile(hub);
		}
		catch (RuntimeException ex) {
			log.error("reconciling {} failed; the next pass retries", hub, ex);
		}
	}

	/**
	 * See {@link HubReconcile#reconcile}; waits while another thread reconciles the same
	 * hub.
	 */
	void reconcile(HubRef ref) {
		ReentrantLock lock = reconciling.computeIfAbsent(ref, key -> new ReentrantLock());
		lock.lock();
		try {
			hubs.reconcile(ref);
		}
		finally {
			lock.unlock();
		}
	}

	/** Prunes every retired hub whose grace period is over at {@code now}. */
	void pruneRetired(Instant now) {
		retired.pruneAll(now);
	}

	/**
	 * The catalogue changed: hubs that came (back) are reconciled at once, and hubs that
	 * left are pruned as soon as their grace period is over, not at the next resync.
	 */
	@EventListener(CatalogueRefreshed.class)
	void catalogueRefreshed() {
		Set<HubRef> active = catalogue.hubs().stream().map(CatalogueHub::ref).collect(Collectors.toSet());
		Set<HubRef> before = knownHubs;
		knownHubs = active;
		if (before != null) {
			active.stream().filter(hub -> !before.contains(hub)).forEach(queue::add);
		}
	}

	/**
	 * Hubs that left the catalogue and still keep their objects, with the time those are
	 * deleted.
	 */
	public List<Retiring> retiring() {
		return retired.retiring();
	}

	/** A hub in its grace period: its owned objects are deleted at {@code deleteAt}. */
	public record Retiring(HubRef hub, Instant retiredAt, Instant deleteAt) {
	}

	/**
	 * A watch saw an owned object change in (cluster, namespace): reconcile the hub that
	 * lives there.
	 */
	private void signal(String cluster, String namespace) {
		catalogue.hubs()
			.stream()
			.filter(h -> h.ref().cluster().equals(cluster) && h.namespace().equals(namespace))
			.forEach(h -> queue.add(h.ref()));
	}

	@PreDestroy
	void stop() {
		loop.shutdownNow();
		signalled.shutdownNow();
	}

}
