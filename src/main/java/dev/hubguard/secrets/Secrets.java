package dev.hubguard.secrets;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.changes.ChangeRequestView;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.shared.ForbiddenException;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A hub's secrets for their admins: list metadata, set, replace, delete. A change applies
 * at once, or, on a hub that staff marked "secrets need approval", becomes a change
 * request. Nothing here returns a value.
 */
@Service
public class Secrets {

	private final SecretStore store;

	private final SecretHistory history;

	private final SecretHubs hubs;

	private final SecretWriter writer;

	private final SecretRequestFiling requests;

	private final AllowedNames allowedNames;

	private final Access access;

	private final AuditLog audit;

	private final Clock clock;

	Secrets(SecretStore store, SecretHistory history, SecretHubs hubs, SecretWriter writer,
			SecretRequestFiling requests, AllowedNames allowedNames, Access access, AuditLog audit, Clock clock) {
		this.store = store;
		this.history = history;
		this.hubs = hubs;
		this.allowedNames = allowedNames;
		this.writer = writer;
		this.requests = requests;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
	}

	/** Applied at once (the secret as now stored) or filed as a change request. */
	public record Outcome(SecretView secret, ChangeRequestView request) {
	}

	public List<SecretView> list(HubRef hub) {
		LocalDate today = today();
		return store.list(hub.toString()).stream().map(row -> SecretView.of(row, today, List.of())).toList();
	}

	public SecretView get(HubRef hub, String name) {
		SecretStore.Row row = store.find(hub.toString(), name)
			.orElseThrow(() -> new NotFoundException("No secret " + name + " on " + hub + "."));
		return SecretView.of(row, today(), history(hub, name));
	}

	List<SecretView.HistoryView> history(HubRef hub, String name) {
		return history.of(hub.toString(), name, 50).stream().map(SecretView.HistoryView::of).toList();
	}

	public boolean needsApproval(HubRef hub) {
		return hubs.hub(hub.toString()).needsApproval();
	}

	@Transactional
	public Outcome set(Authentication who, HubRef hub, String name, SecretForm form, Integer ifMatch) {
		requireAdmin(who, hub);
		Delivery delivery = SecretRules.delivery(form.delivery());
		SecretRules.name(name, delivery, allowedNames.of(hub));
		byte[] value = value(form);
		if (value != null) {
			SecretRules.value(value, delivery, form.valueBase64() != null ? "valueBase64" : "value");
		}
		SecretRules.description(form.description());
		LocalDate rotateBy = rotateBy(form.rotateBy());
		String description = form.description() == null ? "" : form.description().strip();
		try {
			return change(who, hub, new SecretChange(name, delivery, description, rotateBy, value, ifMatch, false),
					form.justification());
		}
		catch (InvalidInputException ex) {
			// The writer speaks of "value"; name the field the value actually came in.
			if ("value".equals(ex.field()) && form.valueBase64() != null) {
				throw new InvalidInputException("valueBase64", ex.getMessage());
			}
			throw ex;
		}
	}

	@Transactional
	public Outcome delete(Authentication who, HubRef hub, String name, Integer ifMatch) {
		requireAdmin(who, hub);
		return change(who, hub, SecretChange.deletion(name, ifMatch), null);
	}

	private Outcome change(Authentication who, HubRef hub, SecretChange change, String justification) {
		if (needsApproval(hub)) {
			// Refuse what is already known to fail before anything is filed.
			SecretWriter.check(change, store.find(hub.toString(), change.name()));
			return new Outcome(null, requests.submit(who, hub, change, justification));
		}
		writer.apply(hub, change, Author.direct(Access.handle(who)));
		return new Outcome(change.delete() ? null : get(hub, change.name()), null);
	}

	/** Staff only: whether the hub's secret changes go through change requests. */
	@Transactional
	public void requireApproval(Authentication who, HubRef hub, boolean needed) {
		if (!access.isStaff(who)) {
			throw new ForbiddenException("Only provider staff decide whether a hub's secrets need approval.");
		}
		hubs.lock(hub.toString());
		hubs.needsApproval(hub.toString(), needed);
		audit.record(AuditEvent.of(Access.handle(who), hub.toString(), "secrets.approval",
				needed ? "Secret changes now need staff approval" : "Secret changes now apply at once"));
	}

	/** Every hub's secrets past their rotate-by date (for staff). */
	public List<Overdue> overdue() {
		return store.rotateByBefore(today())
			.stream()
			.map(row -> new Overdue(row.hub(), row.name(), row.rotateBy(), row.updatedBy()))
			.toList();
	}

	public record Overdue(String hub, String name, LocalDate rotateBy, String lastChangedBy) {
	}

	private void requireAdmin(Authentication who, HubRef hub) {
		if (!access.canAdminister(who, hub)) {
			throw new NotFoundException("No hub " + hub + " is yours to change.");
		}
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	private static byte[] value(SecretForm form) {
		if (form.value() != null && form.valueBase64() != null) {
			throw new InvalidInputException("value", "Send either value or valueBase64, not both.");
		}
		if (form.valueBase64() != null) {
			try {
				return Base64.getDecoder().decode(form.valueBase64().strip());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("valueBase64", "valueBase64 is not valid base64.");
			}
		}
		return form.value() == null ? null : form.value().getBytes(StandardCharsets.UTF_8);
	}

	private static LocalDate rotateBy(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("rotateBy", "A rotate-by date is written yyyy-mm-dd.");
		}
	}

}
