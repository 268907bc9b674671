package dev.hubguard.egress;

import java.util.List;

/**
 * A request to change a hub's internet access (API body and, after parsing, the page's
 * form).
 */
public record InternetAccessForm(AccessMode mode, Boolean allowPrivate, List<AllowRule> rules, String justification,
		Integer baseVersion) {
}
