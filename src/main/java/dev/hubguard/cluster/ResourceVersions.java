package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Orders two versions of one object by {@code metadata.resourceVersion}. The API server
 * calls it opaque, but every server in use (etcd's revision, the in-memory one's counter)
 * gives integers that grow; a version that is not one counts as newer, so the watch is
 * then believed.
 */
final class ResourceVersions {

	private ResourceVersions() {
	}

	/** Whether {@code candidate} is the same version as {@code reference} or newer. */
	static boolean atLeast(HasMetadata candidate, HasMetadata reference) {
		Long have = number(candidate);
		Long want = number(reference);
		return have == null || want == null || have >= want;
	}

	/**
	 * Whether a list or watch that has reached {@code version} (an informer's last synced
	 * resource version) has also passed {@code object}'s version; false when either is
	 * not a number.
	 */
	static boolean passed(String version, HasMetadata object) {
		Long reached = number(version);
		Long want = number(object);
		return reached != null && want != null && reached >= want;
	}

	private static Long number(HasMetadata object) {
		return number(object.getMetadata() == null ? null : object.getMetadata().getResourceVersion());
	}

	private static Long number(String version) {
		if (version == null) {
			return null;
		}
		try {
			return Long.parseLong(version);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
