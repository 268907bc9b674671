package dev.hubguard.egress;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the component that enforces NetworkPolicies in a cluster by its DaemonSet.
 * Without one, the API server stores NetworkPolicies and nothing acts on them.
 */
public final class NetworkPolicyEnforcement {

	private static final Map<String, String> KNOWN = Map.of("calico-node", "Calico", "cilium", "Cilium", "antrea-agent",
			"Antrea", "kube-router", "kube-router", "weave-net", "Weave Net", "canal", "Canal", "anetd",
			"GKE Dataplane V2", "aws-network-policy-agent", "AWS VPC CNI network policy agent", "azure-npm",
			"Azure Network Policy Manager");

	private NetworkPolicyEnforcement() {
	}

	/** From the cluster's DaemonSets (any namespace; only system ones count). */
	public static Optional<String> detect(List<DaemonSet> daemonSets) {
		for (String namespace : List.of("kube-system", "calico-system")) {
			for (DaemonSet daemonSet : daemonSets) {
				String name = daemonSet.getMetadata().getName();
				if (namespace.equals(daemonSet.getMetadata().getNamespace()) && KNOWN.containsKey(name)) {
					return Optional.of(KNOWN.get(name));
				}
				if (namespace.equals(daemonSet.getMetadata().getNamespace()) && name.equals("aws-node")
						&& hasContainer(daemonSet, "aws-network-policy-agent")) {
					// EKS runs the policy agent as a container of the VPC CNI's
					// DaemonSet.
					return Optional.of("AWS VPC CNI network policy agent");
				}
			}
		}
		return Optional.empty();
	}

	private static boolean hasContainer(DaemonSet daemonSet, String container) {
		return daemonSet.getSpec() != null && daemonSet.getSpec().getTemplate() != null
				&& daemonSet.getSpec().getTemplate().getSpec() != null
				&& daemonSet.getSpec().getTemplate().getSpec().getContainers() != null
				&& daemonSet.getSpec()
					.getTemplate()
					.getSpec()
					.getContainers()
					.stream()
					.anyMatch(c -> container.equals(c.getName()));
	}

}
