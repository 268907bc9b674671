package dev.hubguard.audit;

import java.time.Instant;

/**
 * Filters for reading the audit log; null fields do not filter; {@code before} is where
 * the previous page ended (null: the newest); {@code signIns} false leaves sign-ins out
 * (unless the action asked for is the sign-in); {@code change} keeps the rows about one
 * change request.
 */
public record AuditQuery(String hub, String action, String actor, Position before, int limit, boolean signIns,
		Long change) {

	/** The action sign-ins are recorded under; left out unless asked for. */
	public static final String SIGN_IN = "identity.signed-in";

	public AuditQuery {
		limit = Math.clamp(limit <= 0 ? 100 : limit, 1, 500);
	}

	/** Not filtered by change request. */
	public AuditQuery(String hub, String action, String actor, Position before, int limit, boolean signIns) {
		this(hub, action, actor, before, limit, signIns, null);
	}

	/** The same filters for another page. */
	AuditQuery from(Position position, int size) {
		return new AuditQuery(hub, action, actor, position, size, signIns, change);
	}

	/** Sign-ins included (an API reader gets every row unless they filter). */
	public AuditQuery(String hub, String action, String actor, Position before, int limit) {
		this(hub, action, actor, before, limit, true);
	}

	/** A row's place in the order: its time, then its id. */
	public record Position(Instant at, long id) {
	}

}
