package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The marks on objects Hubguard owns. An object is this installation's when it carries
 * {@code app.kubernetes.io/managed-by=hubguard} and {@code hubguard.dev/instance=<this
 * instance>}: objects without both are never changed or deleted, whatever their name, so
 * that two installations (staging and production) can share a cluster.
 */
public final class Ownership {

	public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

	public static final String FIELD_MANAGER = "hubguard";

	public static final String INSTANCE = "hubguard.dev/instance";

	public static final String HUB = "hubguard.dev/hub";

	public static final String VERSION_ANNOTATION = "hubguard.dev/desired-version";

	private Ownership() {
	}

	/** Whether Hubguard (any installation) manages this object. */
	public static boolean managedByHubguard(HasMetadata object) {
		Map<String, String> labels = object.getMetadata().getLabels();
		return labels != null && FIELD_MANAGER.equals(labels.get(MANAGED_BY));
	}

	/** Whether this installation owns the object. */
	static boolean ownedBy(HasMetadata object, String instance) {
		Map<String, String> labels = object.getMetadata().getLabels();
		return labels != null && FIELD_MANAGER.equals(labels.get(MANAGED_BY)) && instance.equals(labels.get(INSTANCE));
	}

	/** The hub label an owned object carries, or null. */
	static String hubOf(HasMetadata object) {
		Map<String, String> labels = object.getMetadata().getLabels();
		return labels == null ? null : labels.get(HUB);
	}

	/**
	 * Puts the ownership labels and the desired-version annotation on a rendered object,
	 * so that no feature can forget them.
	 */
	static HasMetadata stamp(DesiredObject desired, String instance) {
		HasMetadata object = desired.object();
		Map<String, String> labels = new LinkedHashMap<>(
				object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels());
		labels.put(MANAGED_BY, FIELD_MANAGER);
		labels.put(INSTANCE, instance);
		labels.put(HUB, desired.hub().hub());
		object.getMetadata().setLabels(labels);
		Map<String, String> annotations = new LinkedHashMap<>(
				object.getMetadata().getAnnotations() == null ? Map.of() : object.getMetadata().getAnnotations());
		annotations.put(VERSION_ANNOTATION, String.valueOf(desired.version()));
		object.getMetadata().setAnnotations(annotations);
		return object;
	}

}
