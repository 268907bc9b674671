package dev.hubguard.audit;

/**
 * Something that happened; {@code hub} is {@code cluster/hub} or null for portal-wide
 * events; {@code changeRequest} the change request it is about, or null.
 */
public record AuditEvent(String actor, String hub, String action, String summary, String before, String after,
		Long changeRequest) {

	public AuditEvent(String actor, String hub, String action, String summary, String before, String after) {
		this(actor, hub, action, summary, before, after, null);
	}

	public static AuditEvent of(String actor, String hub, String action, String summary) {
		return new AuditEvent(actor, hub, action, summary, null, null);
	}

	/** The same event, about change request {@code id}. */
	public AuditEvent aboutChange(long id) {
		return new AuditEvent(actor, hub, action, summary, before, after, id);
	}

}
