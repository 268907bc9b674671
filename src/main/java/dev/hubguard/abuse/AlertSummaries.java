package dev.hubguard.abuse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link AlertSummary summaries} that list rows show, kept for a few seconds: every
 * viewer of the abuse lists asks for the same first page, and summing a busy report's
 * hundreds of alerts for each view is most of a page's cost. A report's summary is
 * forgotten as soon as this replica commits an alert of it, so an alert taken in here
 * shows at once; one taken in by another replica shows within {@link #FRESH}.
 */
@Component
class AlertSummaries {

	static final Duration FRESH = Duration.ofSeconds(5);

	/** Beyond this many reports held, the table starts again. */
	static final int CAPACITY = 10_000;

	private record Held(AlertSummary summary, long at) {
	}

	private final Map<Long, Held> held = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	AlertSummaries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The summaries of these reports: those held and fresh, the rest in one query. */
	Map<Long, AlertSummary> of(Collection<Long> reports) {
		long now = System.nanoTime();
		Map<Long, AlertSummary> found = new HashMap<>();
		List<Long> missing = new ArrayList<>();
		for (Long report : reports) {
			Held summary = held.get(report);
			if (summary != null && now - summary.at() < FRESH.toNanos()) {
				found.put(report, summary.summary());
			}
			else {
				missing.add(report);
			}
		}
		if (!missing.isEmpty()) {
			Map<Long, AlertSummary> loaded = AlertSummary.of(jdbc, missing);
			if (held.size() + missing.size() > CAPACITY) {
				held.clear();
			}
			for (Long report : missing) {
				AlertSummary summary = loaded.getOrDefault(report, AlertSummary.NONE);
				held.put(report, new Held(summary, now));
				found.put(report, summary);
			}
		}
		return found;
	}

	/**
	 * Forgets these reports' summaries when the current transaction commits (at once
	 * outside one): before, a reader would only put back what it had.
	 */
	void changed(Collection<Long> reports) {
		List<Long> copy = List.copyOf(reports);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					copy.forEach(held::remove);
				}
			});
		}
		else {
			copy.forEach(held::remove);
		}
	}

}
