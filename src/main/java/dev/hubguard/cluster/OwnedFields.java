package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Moves what Hubguard owns between a desired object and a live one. */
final class OwnedFields {

	private static final KubernetesSerialization JSON = new KubernetesSerialization();

	private static final List<String> NOT_OWNED = List.of("apiVersion", "kind", "metadata", "status");

	private OwnedFields() {
	}

	/**
	 * The desired object with the live values of the keys it cannot give (see
	 * {@link DesiredObject#keepLive}); keys the live object lacks stay absent.
	 */
	static HasMetadata keepingLive(HasMetadata desired, HasMetadata live, Map<String, Set<String>> keep) {
		if (keep.isEmpty() || live == null) {
			return desired;
		}
		Map<String, Object> want = tree(desired);
		Map<String, Object> have = tree(live);
		keep.forEach((field, keys) -> {
			Map<?, ?> liveValues = FieldDiff.map(have.get(field));
			Map<String, Object> values = child(want, field);
			keys.stream().filter(liveValues::containsKey).forEach(key -> values.put(key, liveValues.get(key)));
		});
		return JSON.convertValue(want, desired.getClass());
	}

	/**
	 * The live object with every field Hubguard owns replaced by the desired value (and
	 * removed where the desired object has none), and Hubguard's labels and annotations
	 * set; other managers' labels and annotations, and the resource version, stay.
	 */
	static HasMetadata overlay(HasMetadata live, HasMetadata desired) {
		Map<String, Object> have = tree(live);
		Map<String, Object> want = tree(desired);
		have.keySet().removeIf(field -> !NOT_OWNED.contains(field) && !want.containsKey(field));
		want.forEach((field, value) -> {
			if (!NOT_OWNED.contains(field)) {
				have.put(field, value);
			}
		});
		Map<String, Object> haveMeta = child(have, "metadata");
		Map<?, ?> wantMeta = FieldDiff.map(want.get("metadata"));
		for (String part : List.of("labels", "annotations")) {
			Map<String, Object> target = child(haveMeta, part);
			FieldDiff.map(wantMeta.get(part)).forEach((key, value) -> target.put(String.valueOf(key), value));
		}
		return JSON.convertValue(have, desired.getClass());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> tree(HasMetadata object) {
		return JSON.convertValue(object, LinkedHashMap.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> child(Map<String, Object> parent, String name) {
		if (parent.get(name) instanceof Map<?, ?> existing) {
			Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
			parent.put(name, copy);
			return copy;
		}
		Map<String, Object> created = new LinkedHashMap<>();
		parent.put(name, created);
		return created;
	}

}
