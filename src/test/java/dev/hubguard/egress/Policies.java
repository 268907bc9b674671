package dev.hubguard.egress;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.List;
import java.util.Map;

/**
 * Small builders for NetworkPolicy test data.
 */
final class Policies {

	static final String NAMESPACE = "mtu";

	private Policies() {
	}

	/**
	 * An egress policy in {@link #NAMESPACE} selecting user pods, with policyTypes
	 * [Egress].
	 */
	static NetworkPolicy egressPolicy(String name, NetworkPolicyEgressRule... rules) {
		return policy(name, selector(StandardProbes.singleuserPodLabels(NAMESPACE)), List.of("Egress"), rules);
	}

	static NetworkPolicy policy(String name, LabelSelector podSelector, List<String> policyTypes,
			NetworkPolicyEgressRule... rules) {
		return new NetworkPolicyBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(NAMESPACE)
			.endMetadata()
			.withNewSpec()
			.withPodSelector(podSelector)
			.withPolicyTypes(policyTypes)
			.withEgress(rules)
			.endSpec()
			.build();
	}

	static NetworkPolicyEgressRule rule(List<NetworkPolicyPeer> to, NetworkPolicyPort... ports) {
		return new NetworkPolicyEgressRuleBuilder().withTo(to).withPorts(ports).build();
	}

	static NetworkPolicyPeer cidr(String cidr, String... except) {
		return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).withExcept(except).endIpBlock().build();
	}

	static NetworkPolicyPeer pods(LabelSelector pods, LabelSelector namespaces) {
		return new NetworkPolicyPeerBuilder().withPodSelector(pods).withNamespaceSelector(namespaces).build();
	}

	static NetworkPolicyPort port(Object port, String protocol) {
		return new NetworkPolicyPortBuilder().withPort((port != null) ? new IntOrString(port) : null)
			.withProtocol(protocol)
			.build();
	}

	static NetworkPolicyPort range(int from, int to, String protocol) {
		return new NetworkPolicyPortBuilder().withPort(new IntOrString(from))
			.withEndPort(to)
			.withProtocol(protocol)
			.build();
	}

	static LabelSelector selector(Map<String, String> matchLabels) {
		return new LabelSelectorBuilder().withMatchLabels(matchLabels).build();
	}

	static LabelSelector expression(String key, String operator, String... values) {
		return new LabelSelectorBuilder().withMatchExpressions(
				new LabelSelectorRequirementBuilder().withKey(key).withOperator(operator).withValues(values).build())
			.build();
	}

}
