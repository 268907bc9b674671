package dev.hubguard.notify;

import dev.hubguard.abuse.AbuseAlertsArrived;
import dev.hubguard.abuse.AbuseReportAssigned;
import dev.hubguard.abuse.AbuseTicketLinked;
import dev.hubguard.abuse.SecurityConcernFiled;
import dev.hubguard.changes.ChangeRequestCommented;
import dev.hubguard.changes.ChangeRequestDecided;
import dev.hubguard.changes.ChangeRequestFiled;
import java.util.List;

/**
 * What each event of the other features tells people, in plain words: pure functions.
 */
final class Notices {

	private Notices() {
	}

	static Notice filed(ChangeRequestFiled e) {
		return Notice.of(NoticeKind.CHANGE_FILED, e.hub().toString(), "change:" + e.id(), e.author(), null,
				"Change " + e.id() + " on " + e.hub() + " waits for review", e.author() + " asks for a change of "
						+ e.kind() + " on " + e.hub() + ": " + e.summary() + ". Staff review it on its page.",
				"/changes/" + e.id());
	}

	static Notice decided(ChangeRequestDecided e) {
		NoticeKind kind = switch (e.outcome()) {
			case "approved" -> NoticeKind.CHANGE_APPROVED;
			case "rejected" -> NoticeKind.CHANGE_REJECTED;
			default -> NoticeKind.CHANGE_WITHDRAWN;
		};
		String body = switch (kind) {
			case CHANGE_APPROVED -> e.by() + " approved your change " + e.id() + " (" + e.summary()
					+ "). Hubguard now applies it to " + e.hub() + ".";
			case CHANGE_REJECTED ->
				e.by() + " rejected your change " + e.id() + " (" + e.summary() + "). Reason: " + e.reason();
			default -> "Change " + e.id() + " (" + e.summary() + ") was withdrawn by " + e.by() + ".";
		};
		return Notice.of(kind, e.hub().toString(), "change:" + e.id(), e.by(), e.author(),
				"Change " + e.id() + " on " + e.hub() + " was " + e.outcome(), body, "/changes/" + e.id());
	}

	/**
	 * One notice per participant but the commenter. The comment itself is not told (it
	 * may hold anything): the link leads to it.
	 */
	static List<Notice> commented(ChangeRequestCommented e) {
		return e.participants()
			.stream()
			.filter(person -> !person.equals(e.by()))
			.distinct()
			.map(person -> Notice.of(NoticeKind.CHANGE_COMMENTED, e.hub().toString(), "change:" + e.id(), e.by(),
					person, "New comment on change " + e.id() + " on " + e.hub(),
					e.by() + " commented on change " + e.id() + " (" + e.summary() + ") on " + e.hub()
							+ ". Read it and answer on the request's page.",
					"/changes/" + e.id()))
			.toList();
	}

	/**
	 * A report opened, or a cryptnono kill, or (when the severity rose) a rise; which of
	 * them is decided when fanned out, where the severity already told is known.
	 */
	static Notice alerts(AbuseAlertsArrived e) {
		String where = e.hub() == null ? "a cluster" : e.hub();
		NoticeKind kind = e.opened() ? NoticeKind.ABUSE_OPENED
				: e.killed() ? NoticeKind.ABUSE_KILLED : NoticeKind.ABUSE_SEVERITY_ROSE;
		String title = switch (kind) {
			case ABUSE_OPENED -> "Abuse report opened on " + where;
			case ABUSE_KILLED -> "cryptnono killed a process on " + where;
			default -> "Abuse report on " + where + " is now " + e.worstSeverity();
		};
		String body = e.count() + (e.count() == 1 ? " new alert" : " new alerts") + " on report " + e.ref()
				+ (e.worstSeverity() == null ? "" : ", the worst " + e.worstSeverity())
				+ (e.killed() ? "; cryptnono killed a process" : "") + ". Look at the report and triage it.";
		return new Notice(kind, e.hub(), "abuse:" + e.ref(), null, null, e.worstSeverity(), title, body,
				"/abuse/" + e.ref(), null);
	}

	static Notice assigned(AbuseReportAssigned e) {
		return Notice.of(NoticeKind.ABUSE_ASSIGNED, e.hub(), "abuse:" + e.ref(), e.by(), e.assignee(),
				"Abuse report " + e.ref() + " is assigned to you",
				e.by() + " assigned abuse report " + e.ref() + (e.hub() == null ? "" : " on " + e.hub()) + " to you.",
				"/abuse/" + e.ref());
	}

	static Notice ticket(AbuseTicketLinked e) {
		return Notice.of(NoticeKind.ABUSE_TICKET_LINKED, e.hub(), "abuse:" + e.ref(), e.by(), null,
				"Support ticket " + e.ticketId() + " linked to a report on " + e.hub(), "Staff linked support ticket "
						+ e.ticketId() + " to abuse report " + e.ref() + ": follow it there, or on the report's page.",
				"/abuse/" + e.ref());
	}

	static Notice concern(SecurityConcernFiled e) {
		return Notice.of(NoticeKind.SECURITY_CONCERN, null, "concern:" + e.id(), e.by(), null,
				"Security concern " + e.id() + " was reported", e.by() + " reported a security concern"
						+ (e.hub() == null ? "" : " about " + e.hub()) + ": " + e.summary() + ".",
				"/audit?action=security.concern-reported");
	}

}
