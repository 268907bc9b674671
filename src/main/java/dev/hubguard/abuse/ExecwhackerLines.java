package dev.hubguard.abuse;

import dev.hubguard.abuse.CryptnonoLogParser.ParseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON lines of cryptnono's execwhacker container. */
final class ExecwhackerLines {

	static final Set<String> ACTIONS = Set.of("killed", "spared", "missed-kill", "container-lookup-failed");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private ExecwhackerLines() {
	}

	static ParseResult parse(String text, Instant fallbackTime) {
		JsonNode root;
		try {
			root = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return ParseResult.malformed("not valid JSON: " + Text.excerpt(ex.getOriginalMessage()));
		}
		if (root == null || !root.isObject()) {
			return ParseResult.ignored("JSON value is not an object");
		}
		JsonNode action = root.get("action");
		if (action == null || action.isNull()) {
			return ParseResult.ignored("no action: not a process event (event " + Text.excerpt(string(root, "event"))
					+ ", level " + Text.excerpt(string(root, "level")) + ")");
		}
		if (!action.isString() || !ACTIONS.contains(action.stringValue())) {
			return ParseResult.ignored("action " + Text.excerpt(action.toString()) + " is not a process event");
		}
		List<String> notes = new ArrayList<>();
		Instant at = time(root.get("timestamp"), fallbackTime, notes);
		Long pid = pid(root.get("pid"), notes);
		JsonNode labels = root.get("labels");
		if (labels != null && !labels.isNull() && !labels.isObject()) {
			notes.add("labels is not an object; pod unknown");
		}
		CryptnonoEvent event = new CryptnonoEvent(at, action.stringValue(),
				string(labels, "io.kubernetes.pod.namespace"), string(labels, "io.kubernetes.pod.name"),
				string(labels, "io.kubernetes.container.name"), string(root, "cmdline"), string(root, "matched"), pid,
				string(root, "image"), CryptnonoEvent.EXECWHACKER, string(root, "source"));
		return ParseResult.event(event, notes);
	}

	private static Instant time(JsonNode timestamp, Instant fallbackTime, List<String> notes) {
		if (timestamp == null || timestamp.isNull()) {
			return fallbackTime;
		}
		Optional<Instant> at = timestamp.isString() ? Timestamps.lenient(timestamp.stringValue()) : Optional.empty();
		if (at.isEmpty()) {
			String shown = timestamp.isString() ? timestamp.stringValue() : timestamp.toString();
			notes.add("timestamp " + Text.excerpt(shown) + " is not a time; used the fallback time");
			return fallbackTime;
		}
		return at.get();
	}

	private static Long pid(JsonNode pid, List<String> notes) {
		if (pid == null || pid.isNull()) {
			return null;
		}
		Long value = null;
		if (pid.isIntegralNumber() && pid.canConvertToLong()) {
			value = pid.longValue() >= 0 ? pid.longValue() : null;
		}
		else if (pid.isString()) {
			value = CryptnonoLogParser.pid(pid.stringValue());
		}
		if (value == null) {
			notes.add("pid " + Text.excerpt(pid.toString()) + " is not a usable process id");
		}
		return value;
	}

	/** A string property, or null when the node or property is absent or not a string. */
	private static String string(JsonNode node, String name) {
		if (node == null || !node.isObject()) {
			return null;
		}
		JsonNode value = node.get(name);
		return (value != null && value.isString()) ? Text.cleanOrNull(value.stringValue()) : null;
	}

}
