package dev.hubguard.egress;

import dev.hubguard.cluster.Ownership;
import dev.hubguard.hub.CatalogueHub;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a hub's desired internet access as the NetworkPolicy {@value #NAME} in the
 * hub's namespace, selecting that hub's user servers. Pure: the same input gives the same
 * object. Every range is rendered with the {@link ForbiddenRanges} it holds excepted, and
 * every port with its protocol spelt out, so the API server has nothing to default and
 * comparisons stay exact. An entry inside a forbidden range, stored before that range was
 * forbidden, is left out.
 */
public final class EgressRenderer {

	public static final String NAME = "hubguard-egress";

	private EgressRenderer() {
	}

	public static NetworkPolicy render(CatalogueHub hub, EgressPolicy policy, int version) {
		List<NetworkPolicyEgressRule> egress = rules(policy);
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(Ownership.MANAGED_BY, Ownership.FIELD_MANAGER);
		labels.put("hubguard.dev/cluster", hub.ref().cluster());
		labels.put("hubguard.dev/hub", hub.ref().hub());
		return new NetworkPolicyBuilder().withNewMetadata()
			.withName(NAME)
			.withNamespace(hub.namespace())
			.withLabels(labels)
			.addToAnnotations(Ownership.VERSION_ANNOTATION, String.valueOf(version))
			.addToAnnotations("hubguard.dev/summary", policy.summary())
			.endMetadata()
			.withNewSpec()
			.withNewPodSelector()
			.addToMatchLabels("app", "jupyterhub")
			.addToMatchLabels("component", "singleuser-server")
			.addToMatchLabels("release", hub.helmRelease())
			.endPodSelector()
			.withPolicyTypes("Egress")
			.withEgress(egress)
			.endSpec()
			.build();
	}

	/** The egress rules of the rendered policy; none for {@code null} (not managed). */
	static List<NetworkPolicyEgressRule> rules(EgressPolicy policy) {
		List<NetworkPolicyEgressRule> egress = new ArrayList<>();
		if (policy == null) {
			return egress;
		}
		for (AllowRule rule : policy.effectiveRules()) {
			if (ForbiddenRanges.enclosing(Cidr.parse(rule.cidr()), policy.allowPrivate()).isPresent()) {
				continue;
			}
			egress.add(new NetworkPolicyEgressRuleBuilder().withTo(peer(rule, policy.allowPrivate()))
				.withPorts(ports(rule))
				.build());
		}
		return egress;
	}

	private static NetworkPolicyPeer peer(AllowRule rule, boolean allowPrivate) {
		Cidr range = Cidr.parse(rule.cidr());
		List<String> except = ForbiddenRanges.inside(range, allowPrivate).stream().map(Cidr::toString).toList();
		return new NetworkPolicyPeerBuilder().withNewIpBlock()
			.withCidr(range.toString())
			.withExcept(except)
			.endIpBlock()
			.build();
	}

	private static List<NetworkPolicyPort> ports(AllowRule rule) {
		if (rule.allPorts() && rule.protocol().equals("ANY")) {
			return List.of();
		}
		List<String> protocols = rule.protocol().equals("ANY") ? List.of("TCP", "UDP") : List.of(rule.protocol());
		List<NetworkPolicyPort> ports = new ArrayList<>();
		for (String protocol : protocols) {
			NetworkPolicyPortBuilder port = new NetworkPolicyPortBuilder().withProtocol(protocol);
			if (!rule.allPorts()) {
				port.withPort(new IntOrString(rule.port()));
				if (rule.endPort() != null) {
					port.withEndPort(rule.endPort());
				}
			}
			ports.add(port.build());
		}
		return ports;
	}

}
