package dev.hubguard.secrets;

import dev.hubguard.changes.ChangeKind;
import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.ConflictException;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * Secrets as a kind of change request (for hubs marked "secrets need approval"): the
 * request holds metadata only, the new value waits sealed (under its own associated data)
 * until the request is approved, and is destroyed when it is rejected or withdrawn. Filed
 * by {@link SecretRequestFiling}.
 */
@Service
class SecretRequests implements ChangeKind {

	private final SecretStore store;

	private final SecretHubs hubs;

	private final PendingValues pendingValues;

	private final SecretWriter writer;

	private final Keks keks;

	private final Clock clock;

	SecretRequests(SecretStore store, SecretHubs hubs, PendingValues pendingValues, SecretWriter writer, Keks keks,
			Clock clock) {
		this.store = store;
		this.hubs = hubs;
		this.pendingValues = pendingValues;
		this.writer = writer;
		this.keks = keks;
		this.clock = clock;
	}

	@Override
	public String id() {
		return SecretWriter.KIND;
	}

	@Override
	public int currentVersion(HubRef hub) {
		return hubs.hub(hub.toString()).version();
	}

	@Override
	public java.util.Map<HubRef, Integer> currentVersions(java.util.Collection<HubRef> hubs) {
		java.util.Map<String, Integer> versions = this.hubs.versions(hubs.stream().map(HubRef::toString).toList());
		java.util.Map<HubRef, Integer> byHub = new java.util.HashMap<>();
		hubs.forEach(hub -> byHub.put(hub, versions.get(hub.toString())));
		return byHub;
	}

	@Override
	public String currentState(HubRef hub) {
		return RequestedChange.json(new RequestedChange.Listing(store.list(hub.toString())
			.stream()
			.map(row -> new RequestedChange.Entry(row.name(), row.delivery().name(), row.version()))
			.toList()));
	}

	/** Every secret change on such a hub needs a reviewer. */
	/** One open request per person and secret name. */
	@Override
	public String subject(String after) {
		return after == null ? null : RequestedChange.read(after).name();
	}

	@Override
	public boolean widens(String before, String after) {
		return true;
	}

	@Override
	public int apply(HubRef hub, String after, int baseVersion, String by, long requestId) {
		int current = hubs.lock(hub.toString()).version();
		if (current != baseVersion) {
			throw new ConflictException(
					"The hub's secrets changed meanwhile (now version " + current + "); rebase the request.");
		}
		RequestedChange requested = RequestedChange.read(after);
		byte[] value = null;
		if (requested.pending() != null) {
			Envelope.Sealed sealed = pendingValues.find(requested.pending(), hub.toString(), requested.name())
				.orElseThrow(() -> new ConflictException("The request's value is gone; file the change again."));
			value = Envelope.open(keks.current(), sealed,
					Envelope.pendingContext(requested.pending(), hub.toString(), requested.name()));
		}
		// Requests filed before requests named their author fall back to the approver.
		String author = requested.requestedBy() == null ? by : requested.requestedBy();
		int version = writer.apply(hub, requested.toChange(value), new Author(author, by, requestId));
		if (requested.pending() != null) {
			pendingValues.delete(requested.pending());
		}
		return version;
	}

	/** A rejected or withdrawn request's value is destroyed. */
	@Override
	public void discarded(HubRef hub, String after) {
		RequestedChange requested = RequestedChange.read(after);
		if (requested.pending() != null) {
			pendingValues.delete(requested.pending());
		}
	}

	@Override
	public String redact(String state) {
		return RequestedChange.redact(state);
	}

}
