package dev.hubguard.isolation;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the probe pod's log: its last JSON line, strictly. */
final class ProbeLog {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One destination as the probe pod reported it. */
	record Tried(String target, String address, int port, boolean reached) {
	}

	private ProbeLog() {
	}

	static List<Tried> parse(String log) {
		String line = null;
		for (String candidate : (log == null ? "" : log).split("\n")) {
			if (candidate.contains("\"" + ProbePod.MARKER + "\"")) {
				line = candidate.trim();
			}
		}
		if (line == null) {
			throw new IllegalArgumentException("The probe pod's log holds no result line.");
		}
		JsonNode root;
		try {
			root = JSON.readTree(line);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The probe pod's result line is not JSON.");
		}
		JsonNode results = root.get("results");
		if (results == null || !results.isArray()) {
			throw new IllegalArgumentException("The probe pod's result line has no results.");
		}
		List<Tried> tried = new ArrayList<>();
		for (JsonNode result : results) {
			JsonNode target = result.get("target");
			JsonNode address = result.get("address");
			JsonNode port = result.get("port");
			JsonNode reachable = result.get("reachable");
			if (target == null || !target.isString() || address == null || !address.isString() || port == null
					|| !port.isInt() || port.asInt() < 1 || port.asInt() > 65535 || reachable == null
					|| !reachable.isBoolean()) {
				throw new IllegalArgumentException("The probe pod's result line has a malformed entry.");
			}
			tried.add(new Tried(target.asString(), address.asString(), port.asInt(), reachable.asBoolean()));
		}
		return tried;
	}

}
