package dev.hubguard.egress;

import static dev.hubguard.egress.Policies.NAMESPACE;
import static dev.hubguard.egress.Policies.cidr;
import static dev.hubguard.egress.Policies.expression;
import static dev.hubguard.egress.Policies.policy;
import static dev.hubguard.egress.Policies.port;
import static dev.hubguard.egress.Policies.rule;
import static dev.hubguard.egress.Policies.selector;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which policies isolate a user pod for egress: namespace, pod selector and policyTypes.
 */
class PolicySelectionTest {

	static final Map<String, String> USER_POD = StandardProbes.singleuserPodLabels(NAMESPACE);

	static final Destination SSH = Destination.address("public-22", "SSH", "1.1.1.1", 22, "TCP");

	static final Destination HTTPS = Destination.address("public-443", "HTTPS", "1.1.1.1", 443, "TCP");

	@Test
	void withoutAnyPolicyEverythingIsAllowed() {
		List<Verdict> verdicts = EgressEvaluator.evaluate(List.of(), NAMESPACE, USER_POD,
				StandardProbes.forHub(NAMESPACE, NAMESPACE));

		assertThat(verdicts).hasSize(6).allSatisfy((verdict) -> {
			assertThat(verdict.allowed()).isTrue();
			assertThat(verdict.policy()).isNull();
			assertThat(verdict.reason())
				.isEqualTo("No NetworkPolicy selects user pods for egress, so all egress is allowed.");
		});
	}

	@Test
	void aPolicyForOtherPodsDoesNotIsolateUserPods() {
		NetworkPolicy hubOnly = policy("hub", selector(Map.of("component", "hub")), List.of("Egress"));

		assertThat(verdict(hubOnly, SSH).allowed()).isTrue();
		assertThat(verdict(hubOnly, SSH).policy()).isNull();
	}

	@Test
	void aPolicyInAnotherNamespaceDoesNotIsolateUserPods() {
		NetworkPolicy elsewhere = policy("deny", selector(Map.of()), List.of("Egress")).edit()
			.editMetadata()
			.withNamespace("other")
			.endMetadata()
			.build();

		assertThat(verdict(elsewhere, SSH).allowed()).isTrue();
	}

	@Test
	void anEmptyPodSelectorSelectsEveryPod() {
		assertThat(verdict(policy("deny-all", selector(Map.of()), List.of("Egress")), SSH).allowed()).isFalse();
	}

	@Test
	void aPolicyWithEgressTypeAndNoRulesDeniesAllEgress() {
		Verdict verdict = verdict(policy("deny-all", selector(USER_POD), List.of("Ingress", "Egress")), HTTPS);

		assertThat(verdict.allowed()).isFalse();
		assertThat(verdict.reason()).contains("deny-all");
	}

	@Test
	void anIngressOnlyPolicyIsIgnoredForEgressEvenWithAnEgressSection() {
		NetworkPolicy ingressOnly = policy("ingress", selector(USER_POD), List.of("Ingress"),
				rule(List.of(cidr("0.0.0.0/0")), port(443, "TCP")));

		assertThat(verdict(ingressOnly, SSH).allowed()).isTrue();
		assertThat(verdict(ingressOnly, SSH).policy()).isNull();
	}

	@Test
	void withoutPolicyTypesAnEgressSectionMakesThePolicyIsolateEgress() {
		NetworkPolicy untyped = policy("https", selector(USER_POD), List.of(),
				rule(List.of(cidr("0.0.0.0/0")), port(443, "TCP")));

		assertThat(verdict(untyped, HTTPS).allowed()).isTrue();
		assertThat(verdict(untyped, HTTPS).policy()).isEqualTo("https");
		assertThat(verdict(untyped, SSH).allowed()).isFalse();
	}

	@Test
	void withoutPolicyTypesOrEgressRulesAPolicyOnlyAffectsIngress() {
		assertThat(verdict(policy("ingress", selector(USER_POD), List.of()), SSH).allowed()).isTrue();
	}

	@Test
	void podSelectorExpressionsInSelectUserPodsByLabelValue() {
		assertThat(isolates(expression("component", "In", "singleuser-server", "hub"))).isTrue();
		assertThat(isolates(expression("component", "In", "hub", "proxy"))).isFalse();
	}

	@Test
	void podSelectorExpressionsNotInMatchOtherValuesAndAbsentKeys() {
		assertThat(isolates(expression("component", "NotIn", "hub"))).isTrue();
		assertThat(isolates(expression("component", "NotIn", "singleuser-server"))).isFalse();
		assertThat(isolates(expression("gpu", "NotIn", "true"))).isTrue();
	}

	@Test
	void podSelectorExpressionsExistsAndDoesNotExistTestForTheKey() {
		assertThat(isolates(expression("release", "Exists"))).isTrue();
		assertThat(isolates(expression("gpu", "Exists"))).isFalse();
		assertThat(isolates(expression("gpu", "DoesNotExist"))).isTrue();
		assertThat(isolates(expression("release", "DoesNotExist"))).isFalse();
	}

	@Test
	void matchLabelsAndMatchExpressionsMustBothHold() {
		LabelSelector both = expression("release", "Exists").edit().addToMatchLabels("component", "hub").build();

		assertThat(isolates(both)).isFalse();
	}

	private static boolean isolates(LabelSelector podSelector) {
		return !verdict(policy("p", podSelector, List.of("Egress")), SSH).allowed();
	}

	private static Verdict verdict(NetworkPolicy policy, Destination destination) {
		return EgressEvaluator.evaluate(List.of(policy), NAMESPACE, USER_POD, List.of(destination)).get(0);
	}

}
