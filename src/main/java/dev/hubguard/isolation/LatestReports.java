package dev.hubguard.isolation;

import dev.hubguard.egress.EgressPolicy;
import dev.hubguard.hub.CatalogueHub;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every hub's reports, remembered with what they were computed from, so that the matrix,
 * its API, the staff dashboard and the snapshots read them from memory rather than each
 * checking 100,000 pods again:
 * <ul>
 * <li>what people decide (the catalogue, exemptions, desired internet access, probe runs,
 * the day that exemptions expire on) or an object Hubguard owns changed: computed again
 * before answering, so a new exemption or a tampered policy shows at once;</li>
 * <li>only the clusters changed (user pods come and go all the time): the remembered
 * reports are answered, recomputed in the background once they are {@link #REFRESH_AFTER}
 * old, and before answering once they are {@link #AT_MOST_BEHIND} old;</li>
 * <li>nothing changed: the remembered reports.</li>
 * </ul>
 * One computation runs at a time; callers that arrive while it runs take its result. A
 * computation evaluates again only the hubs whose inputs or cached objects changed
 * ({@link IsolationChecks}), so no caller waits for every hub to be checked again.
 */
final class LatestReports {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LatestReports.class);

	static final Duration REFRESH_AFTER = Duration.ofSeconds(5);

	static final Duration AT_MOST_BEHIND = Duration.ofSeconds(60);

	/**
	 * What people decide, read from the database for each request (small), and how often
	 * the objects Hubguard owns changed in each cluster ({@code owned}): a repaired or
	 * tampered policy is shown at once, as the explainer and the reconciler see it.
	 */
	record Inputs(List<CatalogueHub> hubs, List<Exemption> exemptions, Map<String, EgressPolicy> desired,
			Map<String, ProbeRun> probes, LocalDate day, Map<String, Long> owned) {

		Inputs(List<CatalogueHub> hubs, List<Exemption> exemptions, Map<String, EgressPolicy> desired,
				Map<String, ProbeRun> probes, LocalDate day) {
			this(hubs, exemptions, desired, probes, day, Map.of());
		}

	}

	private record Computed(Inputs inputs, Object revision, long startedAt, List<IsolationReport> reports) {
	}

	private final Supplier<Object> revision;

	private final Function<Inputs, List<IsolationReport>> compute;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "hubguard-isolation-reports");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Computed latest;

	/**
	 * @param revision the clusters' state: equal values mean the caches did not change
	 * @param compute every report from the inputs and the caches
	 */
	LatestReports(Supplier<Object> revision, Function<Inputs, List<IsolationReport>> compute) {
		this.revision = revision;
		this.compute = compute;
	}

	List<IsolationReport> get(Inputs inputs) {
		long arrived = System.nanoTime();
		Computed known = latest;
		if (known != null && known.inputs().equals(inputs)) {
			long age = arrived - known.startedAt();
			if (age < REFRESH_AFTER.toNanos() || known.revision().equals(revision.get())) {
				return known.reports();
			}
			if (age < AT_MOST_BEHIND.toNanos()) {
				refreshInBackground(inputs);
				return known.reports();
			}
		}
		return computeAfter(inputs, arrived);
	}

	/**
	 * Reports from these inputs, computed no earlier than {@code arrived} or from the
	 * clusters as they are now.
	 */
	private synchronized List<IsolationReport> computeAfter(Inputs inputs, long arrived) {
		Computed known = latest;
		if (known != null && known.inputs().equals(inputs)
				&& (known.startedAt() - arrived >= 0 || known.revision().equals(revision.get()))) {
			return known.reports();
		}
		long started = System.nanoTime();
		// Read before computing: a change during the computation makes the next caller
		// compute again.
		Object seen = revision.get();
		Computed fresh = new Computed(inputs, seen, started, compute.apply(inputs));
		latest = fresh;
		if (log.isDebugEnabled()) {
			log.debug("{} isolation reports computed in {} ms ({})", fresh.reports().size(),
					(System.nanoTime() - started) / 1_000_000,
					known == null ? "first" : !known.inputs().equals(inputs) ? "inputs changed" : "clusters changed");
		}
		return fresh.reports();
	}

	private void refreshInBackground(Inputs inputs) {
		if (!refreshing.compareAndSet(false, true)) {
			return;
		}
		long asked = System.nanoTime();
		background.execute(() -> {
			try {
				computeAfter(inputs, asked);
			}
			finally {
				refreshing.set(false);
			}
		});
	}

}
