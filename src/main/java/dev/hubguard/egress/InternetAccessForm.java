package dev.hubguard.egress;

import java.util.List;

/**
 * A request to change a hub's internet access (API body and, after parsing, the page's
 * form). {@code replaces}: the id of the author's own open request that this one replaces
 * (a second open request is otherwise refused with 409).
 */
public record InternetAccessForm(AccessMode mode, Boolean allowPrivate, List<AllowRule> rules, String justification,
		Integer baseVersion, Long replaces) {

	/** A request that replaces none of the author's open ones. */
	public InternetAccessForm(AccessMode mode, Boolean allowPrivate, List<AllowRule> rules, String justification,
			Integer baseVersion) {
		this(mode, allowPrivate, rules, justification, baseVersion, null);
	}

}
