package dev.hubguard.abuse;

import dev.hubguard.identity.StaffRoster;
import java.util.ArrayList;
import java.util.List;

/** What the report page says after a triage: what changed, in words (pure). */
final class TriageNotice {

	private TriageNotice() {
	}

	/**
	 * @param me the roster handle of the person who triaged, or null
	 */
	static String of(ReportTriage.Triaged triaged, String me, StaffRoster roster) {
		AbuseReportView report = triaged.report();
		boolean mine = me != null && me.equalsIgnoreCase(report.assignee());
		if (triaged.stateChanged() && triaged.assigneeChanged() && mine && "investigating".equals(report.state())) {
			return "Acknowledged: investigating, assigned to you.";
		}
		List<String> parts = new ArrayList<>();
		if (triaged.stateChanged()) {
			parts.add("Report is now " + report.state().replace('_', ' ') + ".");
		}
		if (triaged.assigneeChanged()) {
			parts.add(report.assignee() == null ? "Nobody is assigned now."
					: mine ? "Assigned to you." : "Assigned to " + roster.nameOf(report.assignee()) + ".");
		}
		return parts.isEmpty() ? "Nothing changed." : String.join(" ", parts);
	}

}
