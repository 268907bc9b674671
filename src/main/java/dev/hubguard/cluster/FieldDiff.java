package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which fields that Hubguard owns differ between a desired object and the live one.
 * Hubguard owns every top-level field but {@code metadata} and {@code status} (the whole
 * {@code spec} of a NetworkPolicy, the {@code type} and {@code data} of a Secret), and
 * the label and annotation keys it sets. Values are compared after normalising what the
 * API server fills in ({@link ServerDefaults}) and treating an absent field like an empty
 * one; an empty desired value is a value like any other, so a live rule where none is
 * desired, or a key the desired map lacks, is a difference. Other managers' labels and
 * annotations, and status, are never one.
 */
final class FieldDiff {

	private static final KubernetesSerialization JSON = new KubernetesSerialization();

	private static final Set<String> NOT_OWNED = Set.of("apiVersion", "kind", "metadata", "status");

	private FieldDiff() {
	}

	/**
	 * The paths that differ, in a stable order; empty when the live object is as desired.
	 */
	static List<String> differences(HasMetadata desired, HasMetadata actual) {
		if (actual == null) {
			return List.of("(object missing)");
		}
		String kind = desired.getKind();
		Map<?, ?> want = ServerDefaults.apply(kind, clean(JSON.convertValue(desired, Map.class)));
		Map<?, ?> have = ServerDefaults.apply(kind, clean(JSON.convertValue(actual, Map.class)));
		List<String> out = new ArrayList<>();
		Map<?, ?> wantMeta = map(want.get("metadata"));
		Map<?, ?> haveMeta = map(have.get("metadata"));
		for (String part : List.of("labels", "annotations")) {
			Map<?, ?> wantKeys = map(wantMeta.get(part));
			Map<?, ?> haveKeys = map(haveMeta.get(part));
			wantKeys.forEach((key, value) -> compare("metadata." + part + "." + key, value, haveKeys.get(key), out));
		}
		for (String field : sortedKeys(want, have)) {
			if (!NOT_OWNED.contains(field)) {
				compare(field, want.get(field), have.get(field), out);
			}
		}
		return out;
	}

	private static void compare(String path, Object want, Object have, List<String> out) {
		if (want == null && have == null) {
			return;
		}
		if ((want == null || want instanceof Map<?, ?>) && (have == null || have instanceof Map<?, ?>)) {
			Map<?, ?> wantMap = map(want);
			Map<?, ?> haveMap = map(have);
			for (String key : sortedKeys(wantMap, haveMap)) {
				compare(path + "." + key, wantMap.get(key), haveMap.get(key), out);
			}
			return;
		}
		if (want instanceof List<?> wantList && have instanceof List<?> haveList
				&& wantList.size() == haveList.size()) {
			for (int i = 0; i < wantList.size(); i++) {
				compare(path + "[" + i + "]", wantList.get(i), haveList.get(i), out);
			}
			return;
		}
		if (!scalarEquals(want, have)) {
			out.add(path);
		}
	}

	private static boolean scalarEquals(Object want, Object have) {
		if (want instanceof Number a && have instanceof Number b) {
			return a.doubleValue() == b.doubleValue();
		}
		return Objects.equals(want, have);
	}

	/**
	 * A copy without nulls and without empty maps and lists, so that absent and empty
	 * compare equal.
	 */
	static Object clean(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> out = new LinkedHashMap<>();
			map.forEach((key, child) -> {
				Object cleaned = clean(child);
				if (cleaned != null) {
					out.put(String.valueOf(key), cleaned);
				}
			});
			return out.isEmpty() ? null : out;
		}
		if (value instanceof Collection<?> list) {
			List<Object> out = new ArrayList<>();
			// Keep positions: an empty element (a rule allowing everything) is a value.
			list.forEach(child -> out.add(clean(child)));
			return out.isEmpty() ? null : out;
		}
		return value;
	}

	private static Map<?, ?> clean(Map<?, ?> tree) {
		Object cleaned = clean((Object) tree);
		return cleaned == null ? Map.of() : (Map<?, ?>) cleaned;
	}

	private static Set<String> sortedKeys(Map<?, ?> a, Map<?, ?> b) {
		Set<String> keys = new TreeSet<>();
		a.keySet().forEach(key -> keys.add(String.valueOf(key)));
		b.keySet().forEach(key -> keys.add(String.valueOf(key)));
		return keys;
	}

	static Map<?, ?> map(Object value) {
		return value instanceof Map<?, ?> map ? map : Map.of();
	}

}
