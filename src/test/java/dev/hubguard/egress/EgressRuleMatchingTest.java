package dev.hubguard.egress;

import static dev.hubguard.egress.Policies.NAMESPACE;
import static dev.hubguard.egress.Policies.cidr;
import static dev.hubguard.egress.Policies.egressPolicy;
import static dev.hubguard.egress.Policies.pods;
import static dev.hubguard.egress.Policies.port;
import static dev.hubguard.egress.Policies.range;
import static dev.hubguard.egress.Policies.rule;
import static dev.hubguard.egress.Policies.selector;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How one egress rule's peers and ports match a destination.
 */
class EgressRuleMatchingTest {

	static final Destination DNS = StandardProbes.forHub(NAMESPACE, NAMESPACE).get(4);

	static final Destination HUB = StandardProbes.forHub(NAMESPACE, NAMESPACE).get(5);

	@Test
	void endPortMakesAnInclusiveRange() {
		NetworkPolicyEgressRule rule = rule(List.of(), range(80, 90, "TCP"));

		assertThat(allows(rule, address("1.1.1.1", 80, "TCP"))).isTrue();
		assertThat(allows(rule, address("1.1.1.1", 90, "TCP"))).isTrue();
		assertThat(allows(rule, address("1.1.1.1", 91, "TCP"))).isFalse();
		assertThat(allows(rule, address("1.1.1.1", 79, "TCP"))).isFalse();
	}

	@Test
	void aNamedPortMatchesAPodWithThatContainerPort() {
		NetworkPolicyEgressRule rule = rule(List.of(), port("dns", "UDP"));

		assertThat(allows(rule, DNS)).isTrue();
		assertThat(allows(rule, HUB)).isFalse();
	}

	@Test
	void aNamedPortNeverMatchesAPlainAddress() {
		assertThat(allows(rule(List.of(), port("dns", "UDP")), address("10.0.0.10", 53, "UDP"))).isFalse();
	}

	@Test
	void aPortWithoutProtocolMeansTcp() {
		NetworkPolicyEgressRule rule = rule(List.of(), port(53, null));

		assertThat(allows(rule, address("10.0.0.10", 53, "TCP"))).isTrue();
		assertThat(allows(rule, address("10.0.0.10", 53, "UDP"))).isFalse();
	}

	@Test
	void aPortEntryWithoutANumberMatchesEveryPortOfItsProtocol() {
		NetworkPolicyEgressRule rule = rule(List.of(), port(null, "UDP"));

		assertThat(allows(rule, address("1.1.1.1", 4242, "UDP"))).isTrue();
		assertThat(allows(rule, address("1.1.1.1", 4242, "TCP"))).isFalse();
	}

	@Test
	void ipBlockExceptionsAreCarvedOut() {
		NetworkPolicyEgressRule rule = rule(List.of(cidr("0.0.0.0/0", "10.0.0.0/8", "169.254.169.254/32")));

		assertThat(allows(rule, address("1.1.1.1", 443, "TCP"))).isTrue();
		assertThat(allows(rule, address("10.128.0.20", 443, "TCP"))).isFalse();
		assertThat(allows(rule, address("169.254.169.254", 80, "TCP"))).isFalse();
		assertThat(allows(rule, address("169.254.169.253", 80, "TCP"))).isTrue();
	}

	@Test
	void anIpv6BlockNeverMatchesAnIpv4Address() {
		NetworkPolicyEgressRule rule = rule(List.of(cidr("::/0")));

		assertThat(allows(rule, address("1.1.1.1", 443, "TCP"))).isFalse();
		assertThat(allows(rule, address("2606:4700:4700::1111", 443, "TCP"))).isTrue();
	}

	@Test
	void ipBlocksAlsoMatchPodsByTheirAddress() {
		assertThat(allows(rule(List.of(cidr("10.0.0.0/24"))), DNS)).isTrue();
		assertThat(allows(rule(List.of(cidr("10.0.3.0/24"))), DNS)).isFalse();
	}

	@Test
	void podPeersNeverMatchAPlainAddress() {
		NetworkPolicyEgressRule everyPod = rule(List.of(pods(selector(Map.of()), selector(Map.of()))));

		assertThat(allows(everyPod, address("10.0.3.7", 8081, "TCP"))).isFalse();
		assertThat(allows(everyPod, HUB)).isTrue();
	}

	@Test
	void aPodSelectorAloneMatchesPodsOfThePolicysNamespaceOnly() {
		NetworkPolicyEgressRule rule = rule(List.of(pods(selector(Map.of("component", "hub")), null)));

		assertThat(allows(rule, HUB)).isTrue();
		assertThat(allows(rule, StandardProbes.forHub("other", NAMESPACE).get(5))).isFalse();
	}

	@Test
	void aNamespaceSelectorAloneMatchesEveryPodInMatchingNamespaces() {
		NetworkPolicyEgressRule rule = rule(
				List.of(pods(null, selector(Map.of("kubernetes.io/metadata.name", "kube-system")))));

		assertThat(allows(rule, DNS)).isTrue();
		assertThat(allows(rule, HUB)).isFalse();
	}

	@Test
	void bothSelectorsMustMatchTogether() {
		NetworkPolicyEgressRule rule = rule(List.of(pods(selector(Map.of("k8s-app", "kube-dns")),
				selector(Map.of("kubernetes.io/metadata.name", NAMESPACE)))));

		assertThat(allows(rule, Destination.pod("local-dns", "DNS in the hub namespace", NAMESPACE,
				Map.of("k8s-app", "kube-dns"), "10.0.3.9", 53, "UDP", Map.of())))
			.isTrue();
		assertThat(allows(rule, DNS)).as("right pod, wrong namespace").isFalse();
		assertThat(allows(rule, HUB)).as("right namespace, wrong pod").isFalse();
	}

	@Test
	void aRuleNeedsAMatchingPeerAndAMatchingPort() {
		NetworkPolicyEgressRule rule = rule(List.of(cidr("1.1.1.0/24")), port(443, "TCP"));

		assertThat(allows(rule, address("1.1.1.1", 443, "TCP"))).isTrue();
		assertThat(allows(rule, address("1.1.1.1", 22, "TCP"))).isFalse();
		assertThat(allows(rule, address("8.8.8.8", 443, "TCP"))).isFalse();
	}

	private static Destination address(String ip, int port, String protocol) {
		return Destination.address("probe", "A probe", ip, port, protocol);
	}

	private static boolean allows(NetworkPolicyEgressRule rule, Destination destination) {
		return EgressEvaluator
			.evaluate(List.of(egressPolicy("p", rule)), NAMESPACE, StandardProbes.singleuserPodLabels(NAMESPACE),
					List.of(destination))
			.get(0)
			.allowed();
	}

}
