package dev.hubguard.abuse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and validates an Alertmanager webhook body (payload version "4"). All or nothing:
 * one bad alert rejects the payload, with a message and field the sender can act on.
 * Unknown fields are ignored at every level. Body size is the caller's to limit.
 */
public final class AlertmanagerPayloads {

	static final int MAX_ALERTS = 1000;

	static final int MAX_ENTRIES = 100;

	static final int MAX_NAME_LENGTH = 128;

	static final int MAX_LABEL_VALUE_LENGTH = 4096;

	static final int MAX_ANNOTATION_VALUE_LENGTH = 16384;

	/** How far ahead of Hubguard's clock a sender's may run. */
	static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

	private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-fA-F]{1,64}");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private AlertmanagerPayloads() {
	}

	/**
	 * Parses a webhook body.
	 * @param body the request body, UTF-8 JSON
	 * @return the validated payload
	 * @throws InvalidPayloadException if the body is not a valid version "4" payload
	 */
	public static AlertmanagerPayload parse(byte[] body) throws InvalidPayloadException {
		return parse(body, Instant.now());
	}

	/**
	 * Parses a webhook body received at {@code now}: times more than an hour after it are
	 * refused (Alertmanager never sends an end that is still to come).
	 * @param body the request body, UTF-8 JSON
	 * @param now the time of receipt
	 * @return the validated payload
	 * @throws InvalidPayloadException if the body is not a valid version "4" payload
	 */
	public static AlertmanagerPayload parse(byte[] body, Instant now) throws InvalidPayloadException {
		Instant latest = now.plus(MAX_CLOCK_SKEW);
		JsonNode root = readJson(body);
		String version = string(root, "version", "version");
		if (version == null) {
			throw new InvalidPayloadException("version",
					"version is missing: send an Alertmanager webhook payload with version \"4\"");
		}
		if (!"4".equals(version)) {
			throw new InvalidPayloadException("version", "payload version " + Text.excerpt(version)
					+ " is not supported: only Alertmanager webhook payload version \"4\" is accepted");
		}
		JsonNode alertNodes = root.get("alerts");
		if (alertNodes == null || alertNodes.isNull()) {
			throw new InvalidPayloadException("alerts", "alerts is missing: a notification carries a list of alerts");
		}
		if (!alertNodes.isArray()) {
			throw new InvalidPayloadException("alerts", "alerts must be a list");
		}
		if (alertNodes.size() > MAX_ALERTS) {
			throw new InvalidPayloadException("alerts", alertNodes.size() + " alerts in one notification; at most "
					+ MAX_ALERTS + " are accepted: set max_alerts on the webhook receiver");
		}
		List<Alert> alerts = new ArrayList<>(alertNodes.size());
		for (int i = 0; i < alertNodes.size(); i++) {
			alerts.add(alert(alertNodes.get(i), "alerts[" + i + "]", latest));
		}
		return new AlertmanagerPayload(version, string(root, "groupKey", "groupKey"), truncatedAlerts(root),
				string(root, "status", "status"), string(root, "receiver", "receiver"),
				strings(root.get("groupLabels"), "groupLabels", MAX_LABEL_VALUE_LENGTH),
				strings(root.get("commonLabels"), "commonLabels", MAX_LABEL_VALUE_LENGTH),
				strings(root.get("commonAnnotations"), "commonAnnotations", MAX_ANNOTATION_VALUE_LENGTH),
				string(root, "externalURL", "externalURL"), alerts);
	}

	private static JsonNode readJson(byte[] body) {
		if (body == null || body.length == 0) {
			throw new InvalidPayloadException(null, "body is empty: send an Alertmanager webhook payload");
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new InvalidPayloadException(null, "body is not valid UTF-8");
		}
		JsonNode root;
		try {
			root = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw new InvalidPayloadException(null, "body is not valid JSON: " + Text.excerpt(ex.getOriginalMessage()));
		}
		if (root == null || !root.isObject()) {
			throw new InvalidPayloadException(null, "body must be a JSON object (an Alertmanager webhook payload)");
		}
		return root;
	}

	private static Alert alert(JsonNode node, String field, Instant latest) {
		if (node == null || !node.isObject()) {
			throw new InvalidPayloadException(field, field + " must be an object");
		}
		String status = string(node, "status", field + ".status");
		if (!"firing".equals(status) && !"resolved".equals(status)) {
			throw new InvalidPayloadException(field + ".status",
					field + ".status must be \"firing\" or \"resolved\", not " + Text.excerpt(status));
		}
		Map<String, String> labels = strings(node.get("labels"), field + ".labels", MAX_LABEL_VALUE_LENGTH);
		if (labels.isEmpty()) {
			throw new InvalidPayloadException(field + ".labels", field + ".labels is missing or empty");
		}
		if (labels.get("alertname") == null || labels.get("alertname").isBlank()) {
			throw new InvalidPayloadException(field + ".labels.alertname",
					field + ".labels.alertname is missing or empty: every alert needs an alertname label");
		}
		Map<String, String> annotations = strings(node.get("annotations"), field + ".annotations",
				MAX_ANNOTATION_VALUE_LENGTH);
		Instant startsAt = time(node, "startsAt", field, latest);
		if (startsAt == null) {
			throw new InvalidPayloadException(field + ".startsAt",
					field + ".startsAt is missing: every alert needs the time it started");
		}
		if (startsAt.equals(Timestamps.GO_ZERO_TIME)) {
			throw new InvalidPayloadException(field + ".startsAt",
					field + ".startsAt is Go's zero time: every alert needs the time it started");
		}
		Instant endsAt = time(node, "endsAt", field, latest);
		if (Timestamps.GO_ZERO_TIME.equals(endsAt)) {
			endsAt = null;
		}
		String fingerprint = string(node, "fingerprint", field + ".fingerprint");
		if (fingerprint == null) {
			throw new InvalidPayloadException(field + ".fingerprint", field + ".fingerprint is missing");
		}
		if (!FINGERPRINT.matcher(fingerprint).matches()) {
			throw new InvalidPayloadException(field + ".fingerprint", field + ".fingerprint "
					+ Text.excerpt(fingerprint) + " must be hexadecimal, at most 64 characters");
		}
		return new Alert(status, labels, annotations, startsAt, endsAt,
				string(node, "generatorURL", field + ".generatorURL"), fingerprint.toLowerCase(Locale.ROOT));
	}

	/** An RFC 3339 time, not after {@code latest}; null when absent. */
	private static Instant time(JsonNode alert, String name, String alertField, Instant latest) {
		String field = alertField + "." + name;
		String text = string(alert, name, field);
		if (text == null) {
			return null;
		}
		Instant time = Timestamps.rfc3339(text)
			.orElseThrow(() -> new InvalidPayloadException(field,
					field + " " + Text.excerpt(text) + " is not an RFC 3339 time such as 2024-05-02T10:11:12.123Z"));
		if (time.isAfter(latest)) {
			throw new InvalidPayloadException(field, field + " " + Text.excerpt(text)
					+ " is more than an hour in the future: check the clock of Prometheus and Alertmanager");
		}
		return time;
	}

	private static Integer truncatedAlerts(JsonNode root) {
		JsonNode node = root.get("truncatedAlerts");
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
			throw new InvalidPayloadException("truncatedAlerts", "truncatedAlerts must be a whole number, 0 or more");
		}
		return node.intValue();
	}

	/** A string property; null when absent or JSON null. */
	private static String string(JsonNode node, String name, String field) {
		JsonNode value = node.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new InvalidPayloadException(field, field + " must be a string");
		}
		return withoutNul(value.stringValue(), field);
	}

	/** An object of string values, within the label and annotation limits. */
	private static Map<String, String> strings(JsonNode node, String field, int maxValueLength) {
		if (node == null || node.isNull()) {
			return Map.of();
		}
		if (!node.isObject()) {
			throw new InvalidPayloadException(field, field + " must be an object of names to strings");
		}
		if (node.size() > MAX_ENTRIES) {
			throw new InvalidPayloadException(field,
					field + " has " + node.size() + " entries; at most " + MAX_ENTRIES + " are accepted");
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			String name = entry.getKey();
			if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
				throw new InvalidPayloadException(field, field + " has a name " + Text.excerpt(name)
						+ " that is empty or longer than " + MAX_NAME_LENGTH + " characters");
			}
			String entryField = field + "." + Text.printable(withoutNul(name, field));
			JsonNode value = entry.getValue();
			if (!value.isString()) {
				throw new InvalidPayloadException(entryField, entryField + " must be a string");
			}
			if (value.stringValue().length() > maxValueLength) {
				throw new InvalidPayloadException(entryField,
						entryField + " is longer than " + maxValueLength + " characters");
			}
			values.put(name, withoutNul(value.stringValue(), entryField));
		}
		return values;
	}

	private static String withoutNul(String text, String field) {
		if (text.indexOf('\0') >= 0) {
			throw new InvalidPayloadException(field, field + " contains a NUL character");
		}
		return text;
	}

}
