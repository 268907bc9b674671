package dev.hubguard.egress;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the component that enforces NetworkPolicies in a cluster by its DaemonSet.
 * Without one, the API server stores NetworkPolicies and nothing acts on them.
 */
final class NetworkPolicyEnforcement {

	private static final Map<String, String> KNOWN = Map.of("calico-node", "Calico", "cilium", "Cilium", "antrea-agent",
			"Antrea", "kube-router", "kube-router", "weave-net", "Weave Net", "canal", "Canal", "anetd",
			"GKE Dataplane V2", "aws-network-policy-agent", "AWS VPC CNI network policy agent");

	private NetworkPolicyEnforcement() {
	}

	/** From the cluster's DaemonSets (any namespace; only system ones count). */
	static Optional<String> detect(List<DaemonSet> daemonSets) {
		for (String namespace : List.of("kube-system", "calico-system")) {
			for (DaemonSet daemonSet : daemonSets) {
				String name = daemonSet.getMetadata().getName();
				if (namespace.equals(daemonSet.getMetadata().getNamespace()) && KNOWN.containsKey(name)) {
					return Optional.of(KNOWN.get(name));
				}
			}
		}
		return Optional.empty();
	}

}
