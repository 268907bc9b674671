package dev.hubguard.egress;

import dev.hubguard.cluster.ClusterWatches;
import dev.hubguard.cluster.Watch;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What internet access reads of each cluster: every NetworkPolicy (the effective access
 * is decided by all that select user servers, the chart's as well as Hubguard's) and the
 * DaemonSets that tell which controller enforces them.
 */
@Component
public final class EgressWatches implements ClusterWatches {

	public static final Watch POLICIES = Watch.all(NetworkPolicy.class);

	public static final Watch DAEMON_SETS = Watch.all(DaemonSet.class);

	@Override
	public List<Watch> watches() {
		return List.of(POLICIES, DAEMON_SETS);
	}

}
