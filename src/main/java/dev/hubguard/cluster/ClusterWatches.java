package dev.hubguard.cluster;

import java.util.List;
import java.util.Set;

/**
 * Implemented by each feature that reads objects of the clusters: it declares what it
 * watches, and reads it back from {@link ClusterCache#list(Watch, String)}. Features that
 * declare the same watch share one store per cluster. The kinds a feature renders
 * ({@link DesiredObjects#kinds()}) are watched for the reconciler whether declared or
 * not.
 */
public interface ClusterWatches {

	/** The watches this feature reads. */
	List<Watch> watches();

	/**
	 * Label keys that mark pods which carry the user servers' labels but are none (such
	 * as a feature's own short-lived pods): left out of {@link ClusterCache#userPods}.
	 */
	default Set<String> notUserPods() {
		return Set.of();
	}

}
