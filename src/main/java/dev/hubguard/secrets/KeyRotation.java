package dev.hubguard.secrets;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Re-wraps every stored data key (of secrets and of pending values) under the primary
 * KEK, so the other KEKs can then be removed. Values are not re-encrypted (only their
 * data keys are unwrapped and wrapped again), except secrets sealed in an older format,
 * which are sealed anew in the current one ({@link Envelope#SECRET_FORMAT}, binding their
 * delivery). Safe to run on a live portal and to repeat.
 */
@Service
public class KeyRotation {

	private final SecretStore store;

	private final PendingValues pendingValues;

	private final Keks keks;

	private final KekSentinels sentinels;

	private final AuditLog audit;

	KeyRotation(SecretStore store, PendingValues pendingValues, Keks keks, KekSentinels sentinels, AuditLog audit) {
		this.store = store;
		this.pendingValues = pendingValues;
		this.keks = keks;
		this.sentinels = sentinels;
		this.audit = audit;
	}

	/**
	 * What a re-wrap did: the primary KEK, values moved to it (by the KEK they were
	 * under), secrets already under it in the current format, secrets re-sealed into the
	 * current format, values that failed and the time taken.
	 */
	public record Report(String primary, int rewrapped, Map<String, Integer> fromKeks, int alreadyPrimary, int resealed,
			int failed, long millis) {
	}

	public Report rewrapAll(String by) {
		long started = System.nanoTime();
		KeyRing ring = keks.current();
		sentinels.verify(ring);
		Map<String, Integer> from = new TreeMap<>();
		int already = 0;
		int resealed = 0;
		int failed = 0;
		String hub = "";
		String name = "";
		for (List<SecretStore.Row> page = store.page(hub, name, 200); !page.isEmpty(); page = store.page(hub, name,
				200)) {
			for (SecretStore.Row row : page) {
				hub = row.hub();
				name = row.name();
				boolean primary = row.sealed().kekId().equals(ring.primaryId());
				boolean current = row.format() == Envelope.SECRET_FORMAT;
				if (primary && current) {
					already++;
					continue;
				}
				try {
					boolean done = current ? store.rewrapped(row, Envelope.rewrap(ring, row.sealed(), row.context()))
							: store.resealed(row, Envelope.reseal(ring, row.sealed(), row.context(),
									row.context(Envelope.SECRET_FORMAT, row.delivery())));
					if (done && !primary) {
						from.merge(row.sealed().kekId(), 1, Integer::sum);
					}
					if (done && !current) {
						resealed++;
					}
				}
				catch (UndecryptableException ex) {
					failed++;
				}
			}
		}
		for (PendingValues.PendingValue pending : pendingValues.all()) {
			Envelope.Sealed sealed = pending.sealed();
			if (!sealed.kekId().equals(ring.primaryId())) {
				try {
					pendingValues.rewrapped(pending.id(), Envelope.rewrap(ring, sealed, pending.context()));
					from.merge(sealed.kekId(), 1, Integer::sum);
				}
				catch (UndecryptableException ex) {
					failed++;
				}
			}
		}
		int rewrapped = from.values().stream().mapToInt(Integer::intValue).sum();
		Report report = new Report(ring.primaryId(), rewrapped, from, already, resealed, failed,
				(System.nanoTime() - started) / 1_000_000);
		audit.record(AuditEvent.of(by, null, "secrets.rewrapped",
				"Re-wrapped " + rewrapped + " values under KEK " + ring.primaryId() + " (from " + from + "); " + already
						+ " already under it, " + resealed + " re-sealed in the current format, " + failed
						+ " failed"));
		return report;
	}

}
