package dev.hubguard.abuse;

import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.cluster.LeaderLock;
import dev.hubguard.hub.ClusterSummary;
import dev.hubguard.hub.HubCatalogue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Now and then records who every cluster's user servers (label
 * {@code component=singleuser-server}, from the cluster cache) belong to, so their alerts
 * still find the user once the pod is gone. Runs on the reconciler leader only.
 */
@Component
class UserPodSightings {

	private final HubCatalogue catalogue;

	private final ClusterCaches caches;

	private final LeaderLock leader;

	private final PodUsernameRecords usernames;

	UserPodSightings(HubCatalogue catalogue, ClusterCaches caches, LeaderLock leader, PodUsernameRecords usernames) {
		this.catalogue = catalogue;
		this.caches = caches;
		this.leader = leader;
		this.usernames = usernames;
	}

	@Scheduled(initialDelayString = "${hubguard.abuse.pod-scan-interval:60s}",
			fixedDelayString = "${hubguard.abuse.pod-scan-interval:60s}")
	void poll() {
		if (!leader.isLeader()) {
			return;
		}
		for (ClusterSummary cluster : catalogue.clusters()) {
			caches.forCluster(cluster.name())
				.filter(cache -> cache.state().usable())
				.ifPresent(cache -> usernames.seen(cluster.name(), cache.userPods()));
		}
		usernames.forgetOld();
	}

}
