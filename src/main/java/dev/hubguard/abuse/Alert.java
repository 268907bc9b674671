package dev.hubguard.abuse;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alert of an Alertmanager webhook notification.
 *
 * @param status {@code firing} or {@code resolved}
 * @param labels the alert's labels; always holds {@code alertname}
 * @param annotations the alert's annotations, possibly empty
 * @param startsAt when the alert started firing
 * @param endsAt when it ended, or null when Alertmanager sent Go's zero time or nothing
 * @param generatorURL the link back to the rule, or null
 * @param fingerprint Alertmanager's identity of the label set, in lower-case hex;
 * {@code fingerprint + startsAt} identifies one firing across retries
 */
public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
		Instant endsAt, String generatorURL, String fingerprint) {

	public Alert {
		labels = copy(labels);
		annotations = copy(annotations);
	}

	/** The value of a label, or null if the alert does not have it. */
	public String label(String name) {
		return labels.get(name);
	}

	public boolean resolved() {
		return "resolved".equals(status);
	}

	/** An unmodifiable copy that keeps the sender's order. */
	static Map<String, String> copy(Map<String, String> map) {
		return Collections.unmodifiableMap((map == null) ? new LinkedHashMap<>() : new LinkedHashMap<>(map));
	}

}
