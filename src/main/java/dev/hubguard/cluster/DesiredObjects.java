package dev.hubguard.cluster;

import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Implemented by each feature whose desired state becomes Kubernetes objects.
 * {@link #render} must be pure: the same desired state gives the same objects, every
 * pass. An owned object of a declared kind that no feature renders any more is pruned.
 */
public interface DesiredObjects {

	/**
	 * The namespaced kinds this feature renders; the reconciler watches (and prunes)
	 * exactly these.
	 */
	List<Class<? extends HasMetadata>> kinds();

	/** Every hub this feature manages objects for. */
	List<HubRef> managedHubs();

	/** The objects the hub's current desired state asks for (none: prune them). */
	List<DesiredObject> render(HubRef hub);

	/**
	 * Grows whenever any desired state changes; lets every replica notice changes made
	 * elsewhere.
	 */
	long watermark();

	/**
	 * The hubs whose desired state changed after {@code watermark} (a value
	 * {@link #watermark()} returned): only they need reconciling when the watermark
	 * moves. Features that cannot tell answer every hub they manage.
	 */
	default List<HubRef> changedSince(long watermark) {
		return managedHubs();
	}

}
