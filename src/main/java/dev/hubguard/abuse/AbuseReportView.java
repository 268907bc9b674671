package dev.hubguard.abuse;

import java.time.Instant;
import java.util.List;

/**
 * An abuse report as pages and the API show it; {@code permalink} is what support tickets
 * link to. {@code alertname} is the latest alert's name, {@code alertnames} how many
 * different names the report holds, {@code severity} the worst severity of its alerts and
 * {@code sources} where they came from.
 */
public record AbuseReportView(String ref, String hub, String subject, String username, String state, String assignee,
		Instant openedAt, Instant updatedAt, Instant lastAlertAt, int alertCount, String permalink, Integer number,
		String alertname, int alertnames, String severity, List<String> sources) {

	public AbuseReportView {
		sources = sources == null ? List.of() : List.copyOf(sources);
	}

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

	/** What happened, for a list: the latest alert's name and how many other kinds. */
	public String what() {
		if (alertname == null) {
			return "no alerts";
		}
		return alertnames > 1 ? alertname + " +" + (alertnames - 1) + " more" : alertname;
	}

	/** The sources as people know them: Alertmanager and cryptnono. */
	public String sourceNames() {
		return String.join(", ", sources.stream().map(AbuseReportView::sourceName).toList());
	}

	static String sourceName(String source) {
		return AlertIntake.CRYPTNONO.equals(source) ? "cryptnono" : "Alertmanager";
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
