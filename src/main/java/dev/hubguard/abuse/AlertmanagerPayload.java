package dev.hubguard.abuse;

import java.util.List;
import java.util.Map;

/**
 * An Alertmanager webhook notification (payload version "4"), validated by
 * {@link AlertmanagerPayloads#parse(byte[])}. Absent maps are empty, absent strings null.
 */
public record AlertmanagerPayload(String version, String groupKey, Integer truncatedAlerts, String status,
		String receiver, Map<String, String> groupLabels, Map<String, String> commonLabels,
		Map<String, String> commonAnnotations, String externalURL, List<Alert> alerts) {

	public AlertmanagerPayload {
		groupLabels = Alert.copy(groupLabels);
		commonLabels = Alert.copy(commonLabels);
		commonAnnotations = Alert.copy(commonAnnotations);
		alerts = (alerts == null) ? List.of() : List.copyOf(alerts);
	}

}
