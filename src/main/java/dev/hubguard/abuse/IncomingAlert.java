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
 * @param node the node a cluster-level event (no namespace, no pod) happened on, or null
 */
record IncomingAlert(String source, String fingerprint, Instant startsAt, Instant endsAt, String status,
		String alertname, String severity, String cluster, String namespace, String hub, String pod, String username,
		String summary, Map<String, String> labels, String generatorUrl, String node) {

	/**
	 * Alerts about the same hub and subject share a report: the user, else the pod, else
	 * the node, else the alert's name.
	 */
	String subject() {
		if (username != null) {
			return "user:" + username;
		}
		if (pod != null) {
			return "pod:" + pod;
		}
		if (node != null) {
			return "node:" + cluster + "/" + node;
		}
		return "alert:" + alertname;
	}

	boolean resolved() {
		return "resolved".equals(status);
	}

}
