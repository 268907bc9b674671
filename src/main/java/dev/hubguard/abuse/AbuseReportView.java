package dev.hubguard.abuse;

import java.time.Instant;

/**
 * An abuse report as pages and the API show it; {@code permalink} is what support tickets
 * link to.
 */
public record AbuseReportView(String ref, String hub, String subject, String username, String state, String assignee,
		Instant openedAt, Instant updatedAt, Instant lastAlertAt, int alertCount, String permalink) {

	public boolean open() {
		return "open".equals(state) || "investigating".equals(state);
	}

}
