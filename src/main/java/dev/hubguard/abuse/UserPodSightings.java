package dev.hubguard.abuse;

import dev.hubguard.cluster.ClusterClients;
import dev.hubguard.cluster.LeaderLock;
import dev.hubguard.hub.ClusterSummary;
import dev.hubguard.hub.HubCatalogue;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Lists every cluster's user servers (label {@code component=singleuser-server}) now and
 * then and records who each belongs to, so their alerts still find the user once the pod
 * is gone. Runs on the reconciler leader only; a shared pod cache can feed
 * {@link PodUsernames} instead.
 */
@Component
class UserPodSightings {

	private static final Logger log = LoggerFactory.getLogger(UserPodSightings.class);

	private final HubCatalogue catalogue;

	private final ClusterClients clients;

	private final LeaderLock leader;

	private final PodUsernameRecords usernames;

	UserPodSightings(HubCatalogue catalogue, ClusterClients clients, LeaderLock leader, PodUsernameRecords usernames) {
		this.catalogue = catalogue;
		this.clients = clients;
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
			try {
				clients.forCluster(cluster.name())
					.ifPresent(client -> usernames.seen(cluster.name(),
							client.pods()
								.inAnyNamespace()
								.withLabel("component", "singleuser-server")
								.list()
								.getItems()));
			}
			catch (KubernetesClientException ex) {
				log.warn("cannot list the user pods of cluster {}: {}", cluster.name(), ex.getMessage());
			}
		}
		usernames.forgetOld();
	}

}
