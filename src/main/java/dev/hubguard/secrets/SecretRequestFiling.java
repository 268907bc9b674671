package dev.hubguard.secrets;

import dev.hubguard.changes.ChangeProposal;
import dev.hubguard.changes.ChangeRequestView;
import dev.hubguard.changes.ChangeRequests;
import dev.hubguard.hub.HubRef;
import java.time.Clock;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files a secret change as a change request: the new value is sealed as pending, the
 * request carries metadata only.
 */
@Service
class SecretRequestFiling {

	private final SecretStore store;

	private final PendingValues pendingValues;

	private final Keks keks;

	private final SecretRequests kind;

	private final ChangeRequests changes;

	private final Clock clock;

	SecretRequestFiling(SecretStore store, PendingValues pendingValues, Keks keks, SecretRequests kind,
			ChangeRequests changes, Clock clock) {
		this.store = store;
		this.pendingValues = pendingValues;
		this.keks = keks;
		this.kind = kind;
		this.changes = changes;
		this.clock = clock;
	}

	@Transactional
	ChangeRequestView submit(Authentication who, HubRef hub, SecretChange change, String justification) {
		String pending = null;
		if (change.value() != null) {
			pending = UUID.randomUUID().toString();
			pendingValues.save(pending, hub.toString(), change.name(), Envelope.seal(keks.current(), change.value(),
					Envelope.pendingContext(pending, hub.toString(), change.name())), clock.instant());
		}
		String before = store.find(hub.toString(), change.name())
			.map(row -> RequestedChange.json(new RequestedChange.Listing(
					java.util.List.of(new RequestedChange.Entry(row.name(), row.delivery().name(), row.version())))))
			.orElse(null);
		String verb = change.delete() ? "delete secret " : "set secret ";
		String summary = verb + change.name() + (change.value() != null ? " (new value)" : "");
		return changes.submit(who,
				new ChangeProposal(hub, kind.id(), before,
						RequestedChange.of(change, pending, dev.hubguard.identity.Access.handle(who)).json(), summary,
						justification == null || justification.isBlank() ? "secret change" : justification.strip(),
						kind.currentVersion(hub), true));
	}

}
