package dev.hubguard.isolation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A hub's results at one moment: kept when they change, and at least daily. */
public record Snapshot(String hub, Instant takenAt, Integer score, int failing, Map<String, Result> results) {

	static String encode(Map<String, Result> results) {
		StringBuilder text = new StringBuilder();
		results.forEach((id, result) -> text.append(id).append('=').append(result.name()).append('\n'));
		return text.toString();
	}

	static Map<String, Result> decode(String text) {
		Map<String, Result> results = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				results.put(line.substring(0, eq), Result.valueOf(line.substring(eq + 1)));
			}
		}
		return results;
	}

	/** Checks whose result differs from this snapshot's, as "id: before → after". */
	java.util.List<String> changesTo(Map<String, Result> now) {
		java.util.List<String> changes = new java.util.ArrayList<>();
		now.forEach((id, result) -> {
			Result before = results.get(id);
			if (before != result) {
				changes.add(id + ": " + (before == null ? "new" : before.label()) + " → " + result.label());
			}
		});
		return changes;
	}

}
