package dev.hubguard.changes;

import dev.hubguard.hub.HubRef;

/**
 * What a feature hands to {@link ChangeRequests#submit}: the states as JSON text, a
 * one-line summary, whether the change widens access, and the version the author saw.
 */
public record ChangeProposal(HubRef hub, String kind, String before, String after, String summary, String justification,
		int baseVersion, boolean widensAccess, Long replaces) {

	/**
	 * A proposal that replaces none of the author's open requests (one that would is
	 * refused with {@link dev.hubguard.shared.OpenRequestException}).
	 */
	public ChangeProposal(HubRef hub, String kind, String before, String after, String summary, String justification,
			int baseVersion, boolean widensAccess) {
		this(hub, kind, before, after, summary, justification, baseVersion, widensAccess, null);
	}

	/** The same proposal, replacing the author's open request {@code id}. */
	public ChangeProposal replacing(Long id) {
		return new ChangeProposal(hub, kind, before, after, summary, justification, baseVersion, widensAccess, id);
	}

}
