package dev.hubguard.egress;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;
import java.util.Map;

/**
 * What a pod may actually reach, from the NetworkPolicies of its namespace, following
 * Kubernetes semantics: a pod no egress policy selects may reach everything; otherwise a
 * connection is allowed when any egress rule of any policy selecting the pod allows it.
 * Only the pod's own egress is evaluated, not the ingress policies of a destination pod.
 */
public final class EgressEvaluator {

	private EgressEvaluator() {
	}

	public static List<Verdict> evaluate(List<NetworkPolicy> policiesInPodNamespace, String podNamespace,
			Map<String, String> podLabels, List<Destination> destinations) {
		List<NetworkPolicy> isolating = (policiesInPodNamespace == null) ? List.of()
				: policiesInPodNamespace.stream()
					.filter((policy) -> selects(policy, podNamespace, podLabels))
					.filter((policy) -> affectsEgress(policy.getSpec()))
					.toList();
		return destinations.stream().map((destination) -> verdict(isolating, podNamespace, destination)).toList();
	}

	/**
	 * Whether the policy is in the pod's namespace (or names none) and its pod selector
	 * selects the pod; an empty pod selector selects every pod.
	 */
	static boolean selects(NetworkPolicy policy, String podNamespace, Map<String, String> podLabels) {
		String namespace = (policy.getMetadata() != null) ? policy.getMetadata().getNamespace() : null;
		if (policy.getSpec() == null || (namespace != null && !namespace.equals(podNamespace))) {
			return false;
		}
		return policy.getSpec().getPodSelector() == null
				|| LabelSelectors.matches(policy.getSpec().getPodSelector(), podLabels);
	}

	/**
	 * Whether the policy isolates egress: policyTypes includes Egress, or, when
	 * policyTypes is not given, the policy has egress rules.
	 */
	static boolean affectsEgress(NetworkPolicySpec spec) {
		List<String> types = spec.getPolicyTypes();
		if (types != null && !types.isEmpty()) {
			return types.contains("Egress");
		}
		return spec.getEgress() != null && !spec.getEgress().isEmpty();
	}

	private static Verdict verdict(List<NetworkPolicy> isolating, String podNamespace, Destination destination) {
		if (isolating.isEmpty()) {
			return new Verdict(destination, true, null, null,
					"No NetworkPolicy selects user pods for egress, so all egress is allowed.");
		}
		for (NetworkPolicy policy : isolating) {
			List<NetworkPolicyEgressRule> rules = policy.getSpec().getEgress();
			for (int i = 0; rules != null && i < rules.size(); i++) {
				if (EgressRules.allows(rules.get(i), podNamespace, destination)) {
					String name = name(policy);
					return new Verdict(destination, true, name, RuleDescriptions.describe(i + 1, rules.get(i)),
							"Allowed by " + name + ".");
				}
			}
		}
		return new Verdict(destination, false, null, null, deniedReason(isolating));
	}

	private static String deniedReason(List<NetworkPolicy> isolating) {
		if (isolating.size() == 1) {
			return "No egress rule of " + name(isolating.get(0))
					+ ", the only policy selecting user pods for egress, allows it.";
		}
		return "No egress rule of the " + isolating.size() + " policies selecting user pods allows it.";
	}

	private static String name(NetworkPolicy policy) {
		return (policy.getMetadata() != null) ? policy.getMetadata().getName() : "an unnamed policy";
	}

}
