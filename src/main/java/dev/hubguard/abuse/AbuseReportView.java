package dev.hubguard.abuse;

import java.time.Instant;

/**
 * An abuse report as pages and the API show it; {@code permalink} is what support tickets
 * link to.
 */
public record AbuseReportView(String ref, String hub, String subject, String username, String state, String assignee,
		Instant openedAt, Instant updatedAt, Instant lastAlertAt, int alertCount, String permalink, Integer number) {

	/**
	 * The report's name for people to say aloud: the hub's name and its number there,
	 * like {@code mtu-42}.
	 */
	public String label() {
		if (number == null) {
			return ref;
		}
		return (hub == null ? "unknown-hub" : hub.substring(hub.indexOf('/') + 1)) + "-" + number;
	}

	/**
	 * Who the report is about, as people read it: the user, or why there is none.
	 */
	public String who() {
		if (username != null) {
			return username;
		}
		if (subject.startsWith("pod:")) {
			return "unknown user (pod " + subject.substring(4) + ")";
		}
		if (subject.startsWith("node:")) {
			String where = subject.substring(5);
			int slash = where.indexOf('/');
			return slash < 0 ? "cluster-level event on node " + where : "cluster-level event on node "
					+ where.substring(slash + 1) + " of cluster " + where.substring(0, slash);
		}
		if (subject.startsWith("alert:")) {
			return "no user (" + subject.substring(6) + ")";
		}
		return subject;
	}

	public boolean open() {
		return "open".equals(state) || "investigating".equals(state);
	}

}
