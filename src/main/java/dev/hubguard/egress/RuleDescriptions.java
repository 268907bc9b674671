package dev.hubguard.egress;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;

/**
 * NetworkPolicy egress rules in words, such as "egress rule 4: to pods {k8s-app=kube-dns}
 * in namespaces {kubernetes.io/metadata.name=kube-system}; 53/UDP, 53/TCP".
 */
final class RuleDescriptions {

	private RuleDescriptions() {
	}

	/**
	 * @param number the rule's position in the policy's egress list, counting from 1
	 */
	static String describe(int number, NetworkPolicyEgressRule rule) {
		return "egress rule " + number + ": to " + peers(rule.getTo()) + "; " + ports(rule.getPorts());
	}

	static String peers(List<NetworkPolicyPeer> peers) {
		if (peers == null || peers.isEmpty()) {
			return "every destination";
		}
		return String.join(" or ", peers.stream().map(RuleDescriptions::peer).toList());
	}

	static String ports(List<NetworkPolicyPort> ports) {
		if (ports == null || ports.isEmpty()) {
			return "all ports";
		}
		return String.join(", ", ports.stream().map(RuleDescriptions::port).toList());
	}

	private static String peer(NetworkPolicyPeer peer) {
		if (peer.getIpBlock() != null) {
			return ipBlock(peer.getIpBlock());
		}
		LabelSelector pods = peer.getPodSelector();
		LabelSelector namespaces = peer.getNamespaceSelector();
		if (pods == null && namespaces == null) {
			return "nothing (an empty peer)";
		}
		String which = (pods == null || LabelSelectors.isEmpty(pods)) ? "all pods"
				: "pods " + LabelSelectors.describe(pods);
		if (namespaces == null) {
			return which + " in this namespace";
		}
		return which + (LabelSelectors.isEmpty(namespaces) ? " in all namespaces"
				: " in namespaces " + LabelSelectors.describe(namespaces));
	}

	private static String ipBlock(IPBlock block) {
		List<String> except = (block.getExcept() != null) ? block.getExcept() : List.of();
		return except.isEmpty() ? block.getCidr() : block.getCidr() + " except " + String.join(", ", except);
	}

	private static String port(NetworkPolicyPort port) {
		String protocol = EgressRules.protocol(port);
		IntOrString value = port.getPort();
		if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
			return "all " + protocol + " ports";
		}
		if (value.getIntVal() == null) {
			return "named port " + value.getStrVal() + "/" + protocol;
		}
		String range = (port.getEndPort() != null) ? value.getIntVal() + "-" + port.getEndPort()
				: String.valueOf(value.getIntVal());
		return range + "/" + protocol;
	}

}
