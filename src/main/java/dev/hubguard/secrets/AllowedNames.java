package dev.hubguard.secrets;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.ForbiddenException;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Variable names that {@link NameRules} refuse but provider staff allowed for one hub,
 * because that hub really needs one. Staff only, audited; an allowance is taken back only
 * once no variable of that name is left on the hub.
 */
@Service
public class AllowedNames {

	static final int MAX_REASON = 500;

	private final JdbcClient jdbc;

	private final SecretStore store;

	private final SecretHubs hubs;

	private final Access access;

	private final AuditLog audit;

	private final Clock clock;

	AllowedNames(JdbcClient jdbc, SecretStore store, SecretHubs hubs, Access access, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.hubs = hubs;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
	}

	/** One allowed name: who allowed it, when and why. */
	public record Allowance(String name, String reason, String allowedBy, Instant allowedAt) {
	}

	/** The hub's allowed names, in upper case. */
	Set<String> of(HubRef hub) {
		return list(hub).stream().map(Allowance::name).collect(Collectors.toUnmodifiableSet());
	}

	public List<Allowance> list(HubRef hub) {
		return jdbc
			.sql("select name, reason, allowed_by, allowed_at from secret_allowed_names where hub = :hub order by name")
			.param("hub", hub.toString())
			.query((rs, n) -> new Allowance(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	@Transactional
	public Allowance allow(Authentication who, HubRef hub, String name, String reason) {
		requireStaff(who);
		String variable = name == null ? "" : name.strip();
		if (!variable.matches("[A-Za-z_][A-Za-z0-9_]{0,252}")) {
			throw new InvalidInputException("name", "Name the variable to allow, such as PYTHONWARNINGS.");
		}
		if (!NameRules.refusedByDefault(variable)) {
			throw new InvalidInputException("name",
					variable + " is not refused: the hub's admins can set it already, nothing to allow.");
		}
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty() || why.length() > MAX_REASON) {
			throw new InvalidInputException("reason",
					"Say in 1 to " + MAX_REASON + " characters why this hub needs " + variable + ".");
		}
		String upper = NameRules.normal(variable);
		hubs.lock(hub.toString());
		if (of(hub).contains(upper)) {
			throw new ConflictException(upper + " is already allowed for " + hub + ".");
		}
		Allowance allowance = new Allowance(upper, why, Access.handle(who), clock.instant());
		jdbc.sql("""
				insert into secret_allowed_names (hub, name, reason, allowed_by, allowed_at)
				values (:hub, :name, :reason, :by, :at)""")
			.param("hub", hub.toString())
			.param("name", allowance.name())
			.param("reason", allowance.reason())
			.param("by", allowance.allowedBy())
			.param("at", Timestamp.from(allowance.allowedAt()))
			.update();
		audit.record(AuditEvent.of(allowance.allowedBy(), hub.toString(), "secrets.name-allowed",
				"Allowed secret variable " + upper + " on this hub (refused by default): " + why));
		return allowance;
	}

	@Transactional
	public void revoke(Authentication who, HubRef hub, String name) {
		requireStaff(who);
		String upper = NameRules.normal(name == null ? "" : name.strip());
		hubs.lock(hub.toString());
		if (!of(hub).contains(upper)) {
			throw new NotFoundException(upper + " is not allowed for " + hub + ".");
		}
		store.list(hub.toString())
			.stream()
			.filter(row -> row.delivery() == Delivery.ENV && NameRules.normal(row.name()).equals(upper))
			.findFirst()
			.ifPresent(row -> {
				throw new ConflictException("The hub still has a variable " + row.name()
						+ "; its admins (or you) must delete it before the name is refused again.");
			});
		jdbc.sql("delete from secret_allowed_names where hub = :hub and name = :name")
			.param("hub", hub.toString())
			.param("name", upper)
			.update();
		audit.record(AuditEvent.of(Access.handle(who), hub.toString(), "secrets.name-refused",
				"Secret variable " + upper + " is refused on this hub again"));
	}

	private void requireStaff(Authentication who) {
		if (!access.isStaff(who)) {
			throw new ForbiddenException("Only provider staff allow a refused variable name for a hub.");
		}
	}

}
