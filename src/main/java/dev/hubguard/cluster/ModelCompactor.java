package dev.hubguard.cluster;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a cached fabric8 model object small and read-only, in place: every list and map
 * it holds becomes an unmodifiable copy (an empty one the shared empty list or map; the
 * model allocates an empty {@code ArrayList} for each unset list and a
 * {@code LinkedHashMap} for each object's additional properties), and every part equal to
 * one already seen (the same container, volume, security context or labels across a hub's
 * pods) is replaced by that one, so thousands of pods share it.
 * <p>
 * Sharing is safe because nothing mutates a cached object, and now nothing can: a write
 * to a list or map throws. The table of parts seen is bounded: it is emptied when it
 * holds {@value #CAPACITY} parts, so parts of deleted pods do not stay forever; later
 * pods then share the parts seen after that.
 */
final class ModelCompactor {

	static final int CAPACITY = 20_000;

	private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

	private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

	private final Map<Object, Object> seen = new ConcurrentHashMap<>();

	/** Types whose instances are unique per object (their parts are still shared). */
	private final Set<Class<?>> unique;

	ModelCompactor(Set<Class<?>> unique) {
		this.unique = Set.copyOf(unique);
	}

	/** The object, compacted in place, or an equal one already seen. */
	@SuppressWarnings("unchecked")
	<T> T compact(T value) {
		if (value == null) {
			return null;
		}
		if (value instanceof List<?> list) {
			return (T) share(compactList(list));
		}
		if (value instanceof Map<?, ?> map) {
			return (T) share(compactMap(map));
		}
		if (!isModel(value.getClass())) {
			return value;
		}
		for (Field field : fields(value.getClass())) {
			try {
				Object part = field.get(value);
				Object compacted = compact(part);
				if (compacted != part) {
					field.set(value, compacted);
				}
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("cannot compact " + field, ex);
			}
		}
		return unique.contains(value.getClass()) ? value : share(value);
	}

	private List<?> compactList(List<?> list) {
		if (list.isEmpty()) {
			return List.of();
		}
		List<Object> copy = new ArrayList<>(list.size());
		for (Object item : list) {
			copy.add(compact(item));
		}
		return Collections.unmodifiableList(copy);
	}

	private Map<?, ?> compactMap(Map<?, ?> map) {
		if (map.isEmpty()) {
			return Map.of();
		}
		// The order is kept: pages show labels as the cluster lists them.
		Map<Object, Object> copy = new LinkedHashMap<>((int) (map.size() / 0.75f) + 1);
		map.forEach((key, item) -> copy.put(key, compact(item)));
		return Collections.unmodifiableMap(copy);
	}

	@SuppressWarnings("unchecked")
	private <T> T share(T value) {
		if (seen.size() >= CAPACITY) {
			seen.clear();
		}
		Object earlier = seen.putIfAbsent(value, value);
		return earlier == null ? value : (T) earlier;
	}

	/** How many distinct parts are held for sharing now. */
	int parts() {
		return seen.size();
	}

	private static boolean isModel(Class<?> type) {
		return type.getPackageName().startsWith(MODEL_PACKAGE);
	}

	private static List<Field> fields(Class<?> type) {
		return FIELDS.computeIfAbsent(type, ModelCompactor::collectFields);
	}

	private static List<Field> collectFields(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> at = type; at != null && isModel(at); at = at.getSuperclass()) {
			for (Field field : at.getDeclaredFields()) {
				int modifiers = field.getModifiers();
				if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers) || field.getType().isPrimitive()
						|| field.getType() == String.class || Number.class.isAssignableFrom(field.getType())
						|| field.getType() == Boolean.class) {
					continue;
				}
				field.setAccessible(true);
				fields.add(field);
			}
		}
		return List.copyOf(fields);
	}

}
