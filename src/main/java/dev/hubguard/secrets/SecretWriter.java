package dev.hubguard.secrets;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.cluster.DesiredStateChanged;
import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a change part of the desired state, in one transaction per hub: checks the
 * version the author saw and the hub's limits, seals a new value under a fresh data key,
 * records the metadata history and the audit entry (by name, never by value), and asks
 * the reconciler to apply it after commit.
 */
@Component
class SecretWriter {

	static final String KIND = "secrets";

	private final SecretStore store;

	private final SecretHistory history;

	private final SecretHubs hubs;

	private final Keks keks;

	private final AllowedNames allowedNames;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SecretWriter(SecretStore store, SecretHistory history, SecretHubs hubs, Keks keks, AllowedNames allowedNames,
			AuditLog audit, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.history = history;
		this.hubs = hubs;
		this.keks = keks;
		this.allowedNames = allowedNames;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** Returns the hub's new secrets version. */
	@Transactional
	int apply(HubRef hub, SecretChange change, Author author) {
		hubs.lock(hub.toString());
		if (!change.delete()) {
			// Again under the hub's lock: staff may have taken an allowance back since.
			SecretRules.name(change.name(), change.delivery(), allowedNames.of(hub));
		}
		Optional<SecretStore.Row> existing = store.find(hub.toString(), change.name());
		check(change, existing);
		return change.delete() ? delete(hub, existing.get(), author) : set(hub, change, existing, author);
	}

	/** Refuses a lost update: the author must have seen the current version. */
	static void check(SecretChange change, Optional<SecretStore.Row> existing) {
		if (change.delete() && existing.isEmpty()) {
			throw new NotFoundException("No secret " + change.name() + " on this hub.");
		}
		if (change.ifMatch() == null && existing.isPresent() && !change.delete()) {
			throw new ConflictException("A secret " + change.name() + " exists (version " + existing.get().version()
					+ "); say which version you replace to replace it.");
		}
		if (change.ifMatch() != null && existing.isEmpty()) {
			throw new ConflictException("Secret " + change.name() + " no longer exists; create it anew.");
		}
		if (change.ifMatch() != null && existing.get().version() != change.ifMatch()) {
			throw new ConflictException("Secret " + change.name() + " changed meanwhile (now version "
					+ existing.get().version() + "); reload and make your change again.");
		}
	}

	private int set(HubRef hub, SecretChange change, Optional<SecretStore.Row> existing, Author author) {
		Instant now = clock.instant();
		if (existing.isEmpty() && change.value() == null) {
			throw new InvalidInputException("value", "A new secret needs a value.");
		}
		if (change.value() == null && change.delivery() == Delivery.ENV && existing.get().delivery() == Delivery.FILE) {
			// The kept value must also suit its new delivery.
			SecretRules.value(open(existing.get()), Delivery.ENV, "delivery");
		}
		int bytes = change.value() == null ? existing.get().valueBytes() : change.value().length;
		Map<String, SecretRules.Size> after = new HashMap<>();
		store.list(hub.toString())
			.forEach(r -> after.put(r.name(), new SecretRules.Size(r.delivery(), r.valueBytes())));
		after.put(change.name(), new SecretRules.Size(change.delivery(), bytes));
		SecretRules.fits(after, change.value() == null ? "delivery" : "value");
		List<String> changes = describe(change, existing);
		if (changes.isEmpty()) {
			return hubs.hub(hub.toString()).version();
		}
		SecretStore.Row old = existing.orElse(null);
		int valueVersion = old == null ? 1 : change.value() == null ? old.valueVersion() : old.valueVersion() + 1;
		byte[] context = Envelope.secretContext(Envelope.SECRET_FORMAT, hub.toString(), change.name(), valueVersion,
				change.delivery());
		Envelope.Sealed sealed;
		if (change.value() != null) {
			sealed = Envelope.seal(keks.current(), change.value(), context);
		}
		else if (old.format() == Envelope.SECRET_FORMAT && old.delivery() == change.delivery()) {
			sealed = old.sealed();
		}
		else {
			// The kept value is bound to its old delivery (or format): seal it for the
			// new.
			sealed = Envelope.reseal(keks.current(), old.sealed(), old.context(), context);
		}
		store.save(new SecretStore.Row(hub.toString(), change.name(), change.delivery(),
				Objects.requireNonNullElse(change.description(), ""), change.rotateBy(),
				old == null ? 1 : old.version() + 1, valueVersion, bytes, sealed, Envelope.SECRET_FORMAT,
				old == null ? now : old.createdAt(), old == null ? author.by() : old.createdBy(), now, author.by(),
				author.approvedBy(), change.value() == null ? old.valueChangedAt() : now));
		String summary = String.join(", ", changes);
		history.record(hub.toString(), change.name(), now, author, summary);
		boolean env = change.delivery() == Delivery.ENV || old != null && old.delivery() == Delivery.ENV;
		boolean files = change.delivery() == Delivery.FILE || old != null && old.delivery() == Delivery.FILE;
		return finish(hub, author, "secret.set", "Secret " + change.name() + ": " + summary, env, files, now);
	}

	private int delete(HubRef hub, SecretStore.Row row, Author author) {
		Instant now = clock.instant();
		store.delete(hub.toString(), row.name());
		history.record(hub.toString(), row.name(), now, author, "deleted; its value destroyed");
		return finish(hub, author, "secret.deleted", "Deleted secret " + row.name() + " (its value destroyed)",
				row.delivery() == Delivery.ENV, row.delivery() == Delivery.FILE, now);
	}

	private int finish(HubRef hub, Author author, String action, String summary, boolean env, boolean files,
			Instant now) {
		int version = hubs.bump(hub.toString(), env, files, now);
		audit.record(AuditEvent.of(author.by(), hub.toString(), action, summary + author.approval()));
		events.publishEvent(new DesiredStateChanged(hub, KIND, version));
		return version;
	}

	private byte[] open(SecretStore.Row row) {
		return Envelope.open(keks.current(), row.sealed(), row.context());
	}

	/** What changed, in words: metadata only. */
	static List<String> describe(SecretChange change, Optional<SecretStore.Row> existing) {
		List<String> out = new ArrayList<>();
		String delivery = change.delivery() == Delivery.ENV ? "environment variable" : "file";
		if (existing.isEmpty()) {
			out.add("created (" + delivery + ")");
			if (change.rotateBy() != null) {
				out.add("rotate by " + change.rotateBy());
			}
			return out;
		}
		SecretStore.Row old = existing.get();
		if (change.value() != null) {
			out.add("value replaced");
		}
		if (old.delivery() != change.delivery()) {
			out.add("delivery changed to " + delivery);
		}
		if (!old.description().equals(Objects.requireNonNullElse(change.description(), ""))) {
			out.add("description changed");
		}
		if (!Objects.equals(old.rotateBy(), change.rotateBy())) {
			out.add(change.rotateBy() == null ? "rotate-by date removed" : "rotate by " + change.rotateBy());
		}
		return out;
	}

}
