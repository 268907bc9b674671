package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which fields that Hubguard sets differ between a desired object and the live one. Only
 * the desired object's own fields count (its labels, its annotations, and every top-level
 * field but {@code metadata} and {@code status}, such as {@code spec} or {@code data}):
 * what others add (status, other annotations, defaults the API server fills in, other
 * managers' fields) is not a difference. An empty list or map in the desired object
 * matches an absent field.
 */
final class FieldDiff {

	private static final KubernetesSerialization JSON = new KubernetesSerialization();

	private FieldDiff() {
	}

	/** The paths that differ; empty when the live object has every field as desired. */
	static List<String> differences(HasMetadata desired, HasMetadata actual) {
		if (actual == null) {
			return List.of("(object missing)");
		}
		Map<?, ?> want = JSON.convertValue(desired, Map.class);
		Map<?, ?> have = JSON.convertValue(actual, Map.class);
		List<String> out = new ArrayList<>();
		Map<?, ?> wantMeta = map(want.get("metadata"));
		Map<?, ?> haveMeta = map(have.get("metadata"));
		compare("metadata.labels", wantMeta.get("labels"), haveMeta.get("labels"), out);
		compare("metadata.annotations", wantMeta.get("annotations"), haveMeta.get("annotations"), out);
		for (Map.Entry<?, ?> field : want.entrySet()) {
			String name = String.valueOf(field.getKey());
			if (!List.of("apiVersion", "kind", "metadata", "status").contains(name)) {
				compare(name, field.getValue(), have.get(name), out);
			}
		}
		return out;
	}

	private static void compare(String path, Object want, Object have, List<String> out) {
		if (isEmpty(want)) {
			return;
		}
		if (want instanceof Map<?, ?> wantMap) {
			if (!(have instanceof Map<?, ?> haveMap)) {
				out.add(path);
				return;
			}
			wantMap.forEach((key, value) -> compare(path + "." + key, value, haveMap.get(key), out));
			return;
		}
		if (want instanceof List<?> wantList) {
			if (!(have instanceof List<?> haveList) || haveList.size() != wantList.size()) {
				out.add(path);
				return;
			}
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

	private static boolean isEmpty(Object value) {
		return value == null || (value instanceof Map<?, ?> map && map.isEmpty())
				|| (value instanceof Collection<?> list && list.isEmpty());
	}

	private static Map<?, ?> map(Object value) {
		return value instanceof Map<?, ?> map ? map : Map.of();
	}

}
