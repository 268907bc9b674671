package dev.hubguard.isolation;

import dev.hubguard.egress.Destination;
import dev.hubguard.egress.EgressEvaluator;
import dev.hubguard.egress.Verdict;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;

/**
 * What the hub's NetworkPolicies decide for one of the probe's destinations, by the same
 * evaluator as the effective-access verdicts (egress of the probe pod, which has the user
 * servers' labels).
 */
public final class ProbeExpectations {

	private ProbeExpectations() {
	}

	/**
	 * @param destinationPod the labels of the pod at {@code address} (another user's
	 * server), or null for a plain address
	 */
	public static Verdict verdict(List<NetworkPolicy> policies, String namespace, Map<String, String> probeLabels,
			String target, String address, int port, Map<String, String> destinationPod) {
		Destination destination = destinationPod == null
				? Destination.address(target, ProbeRun.Reach.label(target), address, port, "TCP")
				: Destination.pod(target, ProbeRun.Reach.label(target), namespace, destinationPod, address, port, "TCP",
						Map.of("notebook-port", port));
		return EgressEvaluator.evaluate(policies, namespace, probeLabels, List.of(destination)).get(0);
	}

}
