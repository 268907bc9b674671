package dev.hubguard.secrets;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.RetiredHub;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A hub that left the catalogue keeps its secrets through the reconciler's grace period
 * (it may come back); after that its ciphertexts are destroyed, as its Secrets are
 * pruned.
 */
@Component
class RetiredHubSecrets {

	private final HubCatalogue catalogue;

	private final Reconciler reconciler;

	private final SecretStore store;

	private final PendingValues pendingValues;

	private final SecretHubs hubs;

	private final AuditLog audit;

	RetiredHubSecrets(HubCatalogue catalogue, Reconciler reconciler, SecretStore store, PendingValues pendingValues,
			SecretHubs hubs, AuditLog audit) {
		this.catalogue = catalogue;
		this.reconciler = reconciler;
		this.store = store;
		this.pendingValues = pendingValues;
		this.hubs = hubs;
		this.audit = audit;
	}

	@Scheduled(fixedDelayString = "${hubguard.secrets.retired-check:60s}", initialDelayString = "10s")
	@Transactional
	public void destroyRetired() {
		Set<String> inGrace = reconciler.retiring().stream().map(r -> r.hub().toString()).collect(Collectors.toSet());
		Set<String> withSecrets = Set.copyOf(hubs.hubs());
		for (RetiredHub retired : catalogue.retired()) {
			String hub = retired.ref().toString();
			if (withSecrets.contains(hub) && !inGrace.contains(hub)) {
				pendingValues.deleteHub(hub);
				int destroyed = store.deleteHub(hub);
				hubs.delete(hub);
				audit.record(AuditEvent.of("hubguard", hub, "secrets.destroyed", "The hub left the catalogue on "
						+ retired.retiredAt() + ": its " + destroyed + " secrets' ciphertexts were destroyed"));
			}
		}
	}

}
