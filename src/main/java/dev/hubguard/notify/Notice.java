package dev.hubguard.notify;

/**
 * One thing to tell people, as the outbox records it: plain words and the page where it
 * is dealt with, never a secret value.
 *
 * @param hub {@code cluster/hub}, or null for a portal-wide notice
 * @param topic what it is about ({@code change:42}, {@code abuse:<ref>}): the storm limit
 * counts per topic
 * @param actor who caused it (not told as one of a group), or null
 * @param target the one person it is for, or null
 * @param severity for abuse, the worst severity of the new alerts
 * @param link a path of the portal, e.g. {@code /changes/42}
 * @param dedupKey one notice per key (conditions that arise with time), or null
 */
record Notice(NoticeKind kind, String hub, String topic, String actor, String target, String severity, String title,
		String body, String link, String dedupKey) {

	static Notice of(NoticeKind kind, String hub, String topic, String actor, String target, String title, String body,
			String link) {
		return new Notice(kind, hub, topic, actor, target, null, title, body, link, null);
	}

}
