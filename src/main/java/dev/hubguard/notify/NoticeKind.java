package dev.hubguard.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a notification is about, who it is for and how it is sent unless a person chose
 * otherwise: staff get pending requests as an hourly digest and security events at once;
 * a hub's admins get everything about their hubs at once.
 */
enum NoticeKind {

	CHANGE_FILED("change.filed", "A change request waits for review", Set.of(Group.STAFF, Group.ADMINS), false),
	CHANGE_COMMENTED("change.commented", "Someone commented on a change request you take part in", Set.of(Group.TARGET),
			false),
	CHANGE_APPROVED("change.approved", "Your change request was approved", Set.of(Group.TARGET), false),
	CHANGE_REJECTED("change.rejected", "Your change request was rejected", Set.of(Group.TARGET), false),
	CHANGE_WITHDRAWN("change.withdrawn", "A change request was withdrawn", Set.of(Group.TARGET), false),
	CHANGE_APPLIED("change.applied", "An approved change is applied", Set.of(Group.TARGET, Group.STAFF), false),
	CHANGE_APPLY_FAILING(
			"change.apply-failing", "An approved change fails to apply", Set.of(Group.TARGET, Group.STAFF), false),
	ABUSE_OPENED("abuse.opened", "An abuse report was opened", Set.of(Group.STAFF, Group.ADMINS), true),
	ABUSE_SEVERITY_ROSE("abuse.severity-rose", "An abuse report got more severe", Set.of(Group.STAFF, Group.ADMINS),
			true),
	ABUSE_KILLED("abuse.killed", "cryptnono killed a process", Set.of(Group.STAFF, Group.ADMINS), true),
	ABUSE_ASSIGNED("abuse.assigned", "An abuse report was assigned to you", Set.of(Group.TARGET), false),
	ABUSE_TICKET_LINKED("abuse.ticket-linked", "A support ticket was linked to a report", Set.of(Group.ADMINS), false),
	SECURITY_CONCERN("security.concern", "A security concern was reported", Set.of(Group.STAFF), true),
	ISOLATION_WORSE("isolation.worse", "A hub's isolation score got worse", Set.of(Group.STAFF, Group.ADMINS), true),
	SECRET_OVERDUE("secret.overdue", "A secret is past its rotate-by date", Set.of(Group.ADMINS), false),
	SECRET_UNDELIVERABLE("secret.undeliverable", "A secret cannot be delivered", Set.of(Group.ADMINS, Group.STAFF),
			false);

	/** Who a kind is for. */
	enum Group {

		/** Provider staff. */
		STAFF,
		/** The hub's admins (and the catalogue's addresses for the hub). */
		ADMINS,
		/** The one person the event names (a request's author, an assignee). */
		TARGET

	}

	private final String id;

	private final String label;

	private final Set<Group> groups;

	private final boolean security;

	NoticeKind(String id, String label, Set<Group> groups, boolean security) {
		this.id = id;
		this.label = label;
		this.groups = groups;
		this.security = security;
	}

	String id() {
		return id;
	}

	String label() {
		return label;
	}

	Set<Group> groups() {
		return groups;
	}

	boolean security() {
		return security;
	}

	/** The email mode when the person chose none. */
	Mode defaultEmailMode(boolean staffOnly) {
		return staffOnly && this == CHANGE_FILED ? Mode.HOURLY : Mode.NOW;
	}

	static Optional<NoticeKind> byId(String id) {
		return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
	}

	/** How a person gets one kind on one channel. */
	enum Mode {

		NOW, HOURLY, DAILY, OFF;

		String id() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Optional<Mode> byId(String id) {
			return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
		}

	}

}
