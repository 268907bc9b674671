package dev.hubguard.abuse;

/**
 * A report was given to a member of staff; published inside the triage transaction.
 *
 * @param assignee the sign-in id it was given to
 */
public record AbuseReportAssigned(long reportId, String ref, String hub, String assignee, String by) {
}
