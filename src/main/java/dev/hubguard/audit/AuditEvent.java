package dev.hubguard.audit;

/**
 * Something that happened; {@code hub} is {@code cluster/hub} or null for portal-wide
 * events.
 */
public record AuditEvent(String actor, String hub, String action, String summary, String before, String after) {

	public static AuditEvent of(String actor, String hub, String action, String summary) {
		return new AuditEvent(actor, hub, action, summary, null, null);
	}

}
