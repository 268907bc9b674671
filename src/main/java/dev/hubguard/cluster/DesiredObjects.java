package dev.hubguard.cluster;

import dev.hubguard.hub.HubRef;
import java.util.List;

/**
 * Implemented by each feature whose desired state becomes Kubernetes objects.
 * {@link #render} must be pure: the same desired state gives the same objects, every
 * pass.
 */
public interface DesiredObjects {

	/** Every hub this feature manages objects for. */
	List<HubRef> managedHubs();

	/** The objects the hub's current desired state asks for. */
	List<DesiredObject> render(HubRef hub);

	/**
	 * Grows whenever any desired state changes; lets every replica notice changes made
	 * elsewhere.
	 */
	long watermark();

}
