package dev.hubguard.egress;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Locale;

/**
 * Whether one NetworkPolicy egress rule lets a pod reach a destination: some peer in
 * {@code to} and some entry in {@code ports} must match, and an empty list matches
 * everything.
 */
final class EgressRules {

	private EgressRules() {
	}

	static boolean allows(NetworkPolicyEgressRule rule, String policyNamespace, Destination destination) {
		return anyPeerMatches(rule.getTo(), policyNamespace, destination)
				&& anyPortMatches(rule.getPorts(), destination);
	}

	private static boolean anyPeerMatches(List<NetworkPolicyPeer> peers, String policyNamespace,
			Destination destination) {
		return peers == null || peers.isEmpty()
				|| peers.stream().anyMatch((peer) -> peerMatches(peer, policyNamespace, destination));
	}

	private static boolean anyPortMatches(List<NetworkPolicyPort> ports, Destination destination) {
		return ports == null || ports.isEmpty() || ports.stream().anyMatch((port) -> portMatches(port, destination));
	}

	static boolean peerMatches(NetworkPolicyPeer peer, String policyNamespace, Destination destination) {
		if (peer.getIpBlock() != null) {
			// Kubernetes leaves ipBlock matching of pod IPs to the network plugin. Some,
			// like Calico, match pod IPs against ipBlocks, so pods are checked here too;
			// others (Cilium) do not, where this may overstate access to pods.
			return ipBlockMatches(peer.getIpBlock(), destination.hostCidr());
		}
		LabelSelector pods = peer.getPodSelector();
		LabelSelector namespaces = peer.getNamespaceSelector();
		if (!destination.isPod() || (pods == null && namespaces == null)) {
			return false;
		}
		boolean inNamespace = (namespaces != null)
				? LabelSelectors.matches(namespaces, destination.effectiveNamespaceLabels())
				: policyNamespace.equals(destination.namespace());
		return inNamespace && (pods == null || LabelSelectors.matches(pods, destination.podLabels()));
	}

	static boolean ipBlockMatches(IPBlock block, Cidr address) {
		if (!Cidr.parse(block.getCidr()).contains(address)) {
			return false;
		}
		List<String> except = (block.getExcept() != null) ? block.getExcept() : List.of();
		return except.stream().noneMatch((cidr) -> Cidr.parse(cidr).contains(address));
	}

	static boolean portMatches(NetworkPolicyPort port, Destination destination) {
		if (!protocol(port).equals(destination.protocol())) {
			return false;
		}
		IntOrString value = port.getPort();
		if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
			return true;
		}
		if (value.getIntVal() != null) {
			int from = value.getIntVal();
			int to = (port.getEndPort() != null) ? port.getEndPort() : from;
			return destination.port() >= from && destination.port() <= to;
		}
		// A named port matches only a pod that has a container port of that name.
		Integer named = destination.namedPorts().get(value.getStrVal());
		return destination.isPod() && named != null && named == destination.port();
	}

	static String protocol(NetworkPolicyPort port) {
		return (port.getProtocol() != null) ? port.getProtocol().toUpperCase(Locale.ROOT) : "TCP";
	}

}
