package dev.hubguard.abuse;

/**
 * New alerts joined an abuse report (or opened it); one per report and delivery,
 * published inside the storing transaction.
 *
 * @param hub {@code cluster/hub}, or null for a report of no hub
 * @param worstSeverity the worst severity among the new alerts, or null
 * @param killed whether cryptnono killed a process among them
 */
public record AbuseAlertsArrived(long reportId, String ref, String hub, boolean opened, int count, String worstSeverity,
		boolean killed) {

	/** 0 for critical (and page), rising numbers for milder severities. */
	public static int rank(String severity) {
		return severity == null ? Integer.MAX_VALUE : AlertSummary.rank(severity);
	}

}
