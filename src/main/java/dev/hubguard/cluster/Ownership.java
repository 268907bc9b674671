package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Objects;

/**
 * The marks on objects Hubguard owns, and how to tell whether an actual object matches
 * the desired one.
 */
public final class Ownership {

	public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

	public static final String FIELD_MANAGER = "hubguard";

	public static final String VERSION_ANNOTATION = "hubguard.dev/desired-version";

	private Ownership() {
	}

	/**
	 * Equal when the spec, Hubguard's labels and the desired-version annotation match.
	 */
	static boolean matches(HasMetadata desired, HasMetadata actual) {
		if (actual == null) {
			return false;
		}
		Map<String, String> labels = actual.getMetadata().getLabels() == null ? Map.of()
				: actual.getMetadata().getLabels();
		Map<String, String> annotations = actual.getMetadata().getAnnotations() == null ? Map.of()
				: actual.getMetadata().getAnnotations();
		for (Map.Entry<String, String> label : desired.getMetadata().getLabels().entrySet()) {
			if (!label.getValue().equals(labels.get(label.getKey()))) {
				return false;
			}
		}
		return Objects.equals(desired.getMetadata().getAnnotations().get(VERSION_ANNOTATION),
				annotations.get(VERSION_ANNOTATION)) && Objects.equals(spec(desired), spec(actual));
	}

	private static Object spec(HasMetadata object) {
		try {
			return object.getClass().getMethod("getSpec").invoke(object);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalArgumentException(object.getKind() + " has no spec", ex);
		}
	}

}
