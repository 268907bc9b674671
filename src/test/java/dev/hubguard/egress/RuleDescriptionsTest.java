package dev.hubguard.egress;

import static dev.hubguard.egress.Policies.cidr;
import static dev.hubguard.egress.Policies.expression;
import static dev.hubguard.egress.Policies.pods;
import static dev.hubguard.egress.Policies.port;
import static dev.hubguard.egress.Policies.range;
import static dev.hubguard.egress.Policies.rule;
import static dev.hubguard.egress.Policies.selector;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleDescriptionsTest {

	@Test
	void describesAnIpBlockWithExceptionsOnAllPorts() {
		assertThat(RuleDescriptions.describe(5, rule(List.of(cidr("0.0.0.0/0", "10.0.0.0/8", "169.254.169.254/32")))))
			.isEqualTo("egress rule 5: to 0.0.0.0/0 except 10.0.0.0/8, 169.254.169.254/32; all ports");
	}

	@Test
	void describesPodsInThisNamespaceAndInSelectedNamespaces() {
		assertThat(RuleDescriptions.peers(List.of(pods(selector(Map.of("component", "hub")), null))))
			.isEqualTo("pods {component=hub} in this namespace");
		assertThat(RuleDescriptions.peers(List.of(pods(selector(Map.of("k8s-app", "kube-dns")),
				selector(Map.of("kubernetes.io/metadata.name", "kube-system"))))))
			.isEqualTo("pods {k8s-app=kube-dns} in namespaces {kubernetes.io/metadata.name=kube-system}");
		assertThat(RuleDescriptions.peers(List.of(pods(null, selector(Map.of("team", "data"))))))
			.isEqualTo("all pods in namespaces {team=data}");
		assertThat(RuleDescriptions.peers(List.of(pods(selector(Map.of()), null))))
			.isEqualTo("all pods in this namespace");
		assertThat(RuleDescriptions.peers(List.of(pods(null, selector(Map.of())))))
			.isEqualTo("all pods in all namespaces");
	}

	@Test
	void describesSelectorLabelsInKeyOrderAndExpressionsInWords() {
		assertThat(RuleDescriptions.peers(List.of(pods(selector(Map.of("release", "mtu", "app", "jupyterhub")), null),
				pods(expression("tier", "NotIn", "a", "b"), null), pods(expression("gpu", "Exists"), null))))
			.isEqualTo("pods {app=jupyterhub, release=mtu} in this namespace"
					+ " or pods {tier not in (a, b)} in this namespace or pods {gpu exists} in this namespace");
	}

	@Test
	void describesPortsRangesNamedPortsAndWholeProtocols() {
		assertThat(RuleDescriptions.ports(List.of(port(53, "UDP"), port(53, null)))).isEqualTo("53/UDP, 53/TCP");
		assertThat(RuleDescriptions.ports(List.of(range(80, 90, "TCP")))).isEqualTo("80-90/TCP");
		assertThat(RuleDescriptions.ports(List.of(port("dns", "UDP")))).isEqualTo("named port dns/UDP");
		assertThat(RuleDescriptions.ports(List.of(port(null, "UDP")))).isEqualTo("all UDP ports");
		assertThat(RuleDescriptions.ports(List.of())).isEqualTo("all ports");
	}

	@Test
	void describesARuleWithoutPeersAsEveryDestination() {
		assertThat(RuleDescriptions.describe(1, rule(List.of(), port(443, "TCP"))))
			.isEqualTo("egress rule 1: to every destination; 443/TCP");
	}

}
