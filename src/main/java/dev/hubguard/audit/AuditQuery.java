package dev.hubguard.audit;

/** Filters for reading the audit log; null fields do not filter. */
public record AuditQuery(String hub, String action, String actor, Long before, int limit) {

	public AuditQuery {
		limit = Math.clamp(limit <= 0 ? 100 : limit, 1, 500);
	}

}
