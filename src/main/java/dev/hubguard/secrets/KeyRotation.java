package dev.hubguard.secrets;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Re-wraps every stored data key (of secrets and of pending values) under the primary
 * KEK, so the other KEKs can then be removed. Values are not re-encrypted: only their
 * data keys are unwrapped and wrapped again. Safe to run on a live portal and to repeat.
 */
@Service
public class KeyRotation {

	private final SecretStore store;

	private final Keks keks;

	private final KekSentinels sentinels;

	private final AuditLog audit;

	KeyRotation(SecretStore store, Keks keks, KekSentinels sentinels, AuditLog audit) {
		this.store = store;
		this.keks = keks;
		this.sentinels = sentinels;
		this.audit = audit;
	}

	/**
	 * What a re-wrap did: the primary KEK, values moved to it (by the KEK they were
	 * under), values already under it, values that failed and the time taken.
	 */
	public record Report(String primary, int rewrapped, Map<String, Integer> fromKeks, int alreadyPrimary, int failed,
			long millis) {
	}

	public Report rewrapAll(String by) {
		long started = System.nanoTime();
		KeyRing ring = keks.current();
		sentinels.verify(ring);
		Map<String, Integer> from = new TreeMap<>();
		int already = 0;
		int failed = 0;
		String hub = "";
		String name = "";
		for (List<SecretStore.Row> page = store.page(hub, name, 200); !page.isEmpty(); page = store.page(hub, name,
				200)) {
			for (SecretStore.Row row : page) {
				hub = row.hub();
				name = row.name();
				if (row.sealed().kekId().equals(ring.primaryId())) {
					already++;
					continue;
				}
				try {
					if (store.rewrapped(row, Envelope.rewrap(ring, row.sealed(), row.context()))) {
						from.merge(row.sealed().kekId(), 1, Integer::sum);
					}
				}
				catch (UndecryptableException ex) {
					failed++;
				}
			}
		}
		for (Object[] pending : store.allPending()) {
			Envelope.Sealed sealed = (Envelope.Sealed) pending[3];
			if (!sealed.kekId().equals(ring.primaryId())) {
				try {
					store.rewrapPending((String) pending[0], Envelope.rewrap(ring, sealed,
							Envelope.pendingContext((String) pending[0], (String) pending[1], (String) pending[2])));
					from.merge(sealed.kekId(), 1, Integer::sum);
				}
				catch (UndecryptableException ex) {
					failed++;
				}
			}
		}
		int rewrapped = from.values().stream().mapToInt(Integer::intValue).sum();
		Report report = new Report(ring.primaryId(), rewrapped, from, already, failed,
				(System.nanoTime() - started) / 1_000_000);
		audit.record(AuditEvent.of(by, null, "secrets.rewrapped", "Re-wrapped " + rewrapped + " values under KEK "
				+ ring.primaryId() + " (from " + from + "); " + already + " already under it, " + failed + " failed"));
		return report;
	}

}
