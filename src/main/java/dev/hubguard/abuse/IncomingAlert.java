package dev.hubguard.abuse;

import java.time.Instant;
import java.util.Map;

/**
 * An alert from any source, resolved to a hub and user where possible, ready to be
 * stored.
 *
 * @param fingerprint with {@code source} and {@code startsAt}, identifies the alert
 * across redeliveries
 * @param hub {@code cluster/hub}, or null when no hub of the catalogue matches
 */
record IncomingAlert(String source, String fingerprint, Instant startsAt, Instant endsAt, String status,
		String alertname, String severity, String cluster, String namespace, String hub, String pod, String username,
		String summary, Map<String, String> labels, String generatorUrl) {

	/**
	 * Alerts about the same hub and subject share a report: the user, else the pod, else
	 * the alert's name.
	 */
	String subject() {
		if (username != null) {
			return "user:" + username;
		}
		if (pod != null) {
			return "pod:" + pod;
		}
		return "alert:" + alertname;
	}

	boolean resolved() {
		return "resolved".equals(status);
	}

}
