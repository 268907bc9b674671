package dev.hubguard.isolation;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exemptions, granted and revoked by staff only (the routes allow nobody else), each
 * audited.
 */
@Service
public class Exemptions {

	static final int MAX_DAYS = 366;

	private final JdbcClient jdbc;

	private final HubCatalogue catalogue;

	private final AuditLog audit;

	private final Clock clock;

	private final java.util.function.Supplier<List<Exemption>> allCurrent;

	Exemptions(JdbcClient jdbc, HubCatalogue catalogue, AuditLog audit, Clock clock,
			dev.hubguard.shared.DataRevisions revisions) {
		this.allCurrent = revisions.memo(this::readAllCurrent, "isolation_exemptions");
		this.jdbc = jdbc;
		this.catalogue = catalogue;
		this.audit = audit;
		this.clock = clock;
	}

	private static final RowMapper<Exemption> ROW = (rs, n) -> new Exemption(rs.getLong("id"), rs.getString("hub"),
			rs.getString("check_id"), rs.getString("object"), rs.getString("reason"), rs.getString("author"),
			rs.getDate("expires_on").toLocalDate(), rs.getTimestamp("created_at").toInstant());

	/** Not revoked, possibly expired (callers judge by their clock). */
	public List<Exemption> current(HubRef hub) {
		return jdbc.sql("select * from isolation_exemptions where hub = :hub and revoked_at is null order by id")
			.param("hub", hub.toString())
			.query(ROW)
			.list();
	}

	List<Exemption> allCurrent() {
		return allCurrent.get();
	}

	private List<Exemption> readAllCurrent() {
		return List.copyOf(
				jdbc.sql("select * from isolation_exemptions where revoked_at is null order by id").query(ROW).list());
	}

	@Transactional
	public Exemption grant(String actor, ExemptionForm form) {
		HubRef ref;
		try {
			ref = HubRef.parse(form.hub());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("hub", "Name the hub as cluster/hub.");
		}
		catalogue.require(ref);
		if (form.check() == null || Checks.find(form.check()).isEmpty()) {
			throw new InvalidInputException("check", "No check has the id " + form.check() + ".");
		}
		if (form.reason() == null || form.reason().isBlank() || form.reason().length() > 1000) {
			throw new InvalidInputException("reason", "Give a reason (at most 1,000 characters).");
		}
		LocalDate expires;
		try {
			expires = LocalDate.parse(form.expiresOn() == null ? "" : form.expiresOn().strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("expiresOn", "Give the expiry as a date, like 2026-12-31.");
		}
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		if (expires.isBefore(today) || expires.isAfter(today.plusDays(MAX_DAYS))) {
			throw new InvalidInputException("expiresOn",
					"The expiry is today or later, and at most " + MAX_DAYS + " days ahead.");
		}
		String object = form.object() == null || form.object().isBlank() ? null : form.object().strip();
		long id = jdbc.sql("""
				insert into isolation_exemptions (hub, check_id, object, reason, author, expires_on, created_at)
				values (:hub, :check, :object, :reason, :author, :expires, :now) returning id""")
			.param("hub", ref.toString())
			.param("check", form.check())
			.param("object", object)
			.param("reason", form.reason().strip())
			.param("author", actor)
			.param("expires", Date.valueOf(expires))
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		audit.record(AuditEvent.of(actor, ref.toString(), "isolation.exempt", "Exempted " + form.check()
				+ (object == null ? "" : " for " + object) + " until " + expires + ": " + form.reason().strip()));
		return new Exemption(id, ref.toString(), form.check(), object, form.reason().strip(), actor, expires,
				clock.instant());
	}

	@Transactional
	public void revoke(String actor, long id) {
		List<Exemption> found = jdbc.sql("select * from isolation_exemptions where id = :id and revoked_at is null")
			.param("id", id)
			.query(ROW)
			.list();
		if (found.isEmpty()) {
			throw new NotFoundException("No such exemption.");
		}
		jdbc.sql("update isolation_exemptions set revoked_at = :now, revoked_by = :by where id = :id")
			.param("now", Timestamp.from(clock.instant()))
			.param("by", actor)
			.param("id", id)
			.update();
		Exemption gone = found.get(0);
		audit.record(AuditEvent.of(actor, gone.hub(), "isolation.exemption-revoked",
				"Revoked the exemption of " + gone.checkId() + (gone.object() == null ? "" : " for " + gone.object())));
	}

}
