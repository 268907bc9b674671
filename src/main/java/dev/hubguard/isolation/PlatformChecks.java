package dev.hubguard.isolation;

import dev.hubguard.egress.NetworkPolicyEnforcement;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Checks of the provider's platform: cryptnono, Prometheus, known privileged pods. */
final class PlatformChecks {

	private PlatformChecks() {
	}

	static List<Finding> check(HubFacts facts) {
		return List.of(cryptnono(facts), prometheus(facts), systemPods(facts));
	}

	static boolean ready(Pod pod) {
		if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
			return false;
		}
		if (pod.getStatus().getConditions() != null && !pod.getStatus().getConditions().isEmpty()) {
			return pod.getStatus()
				.getConditions()
				.stream()
				.anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
		}
		return pod.getStatus().getContainerStatuses() != null && !pod.getStatus().getContainerStatuses().isEmpty()
				&& pod.getStatus().getContainerStatuses().stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
	}

	private static Finding cryptnono(HubFacts facts) {
		Set<String> userNodes = new HashSet<>();
		for (Pod pod : facts.userPods()) {
			if (pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
				userNodes.add(pod.getSpec().getNodeName());
			}
		}
		userNodes = new TreeSet<>(userNodes);
		Set<String> covered = new TreeSet<>();
		facts.cryptnonoPods()
			.stream()
			.filter(PlatformChecks::ready)
			.map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName())
			.filter(n -> n != null)
			.forEach(covered::add);
		if (facts.cryptnonoPods().isEmpty()) {
			return Checks.CRYPTNONO.result(Result.FAIL,
					List.of("No cryptnono pod (support, app.kubernetes.io/name=cryptnono) in the cluster."), List.of());
		}
		if (userNodes.isEmpty()) {
			return Checks.CRYPTNONO.pass(facts.cryptnonoPods().size()
					+ " cryptnono pods in support; no user pod of this hub is scheduled on a node.");
		}
		List<String> missing = userNodes.stream().filter(n -> !covered.contains(n)).toList();
		if (missing.isEmpty()) {
			return Checks.CRYPTNONO.pass("cryptnono is running and ready on every node with this hub's user pods: "
					+ String.join(", ", userNodes) + ".");
		}
		return Checks.CRYPTNONO.result(Result.FAIL,
				List.of("No ready cryptnono pod on node " + String.join(", ", missing) + ", which runs user pods."),
				missing.stream().map(n -> "Node " + n).toList());
	}

	private static boolean prometheus(HasMetadata object) {
		Map<String, String> labels = object.getMetadata().getLabels();
		return labels != null && ("prometheus".equals(labels.get("app.kubernetes.io/name"))
				|| "prometheus".equals(labels.get("app")));
	}

	private static Finding prometheus(HubFacts facts) {
		List<String> found = Stream.concat(facts.deployments().stream(), facts.statefulSets().stream())
			.filter(PlatformChecks::prometheus)
			.map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
			.toList();
		if (found.isEmpty()) {
			return Checks.PROMETHEUS.result(Result.FAIL, List
				.of("No Deployment or StatefulSet labelled app.kubernetes.io/name=prometheus or app=prometheus."),
					List.of());
		}
		return Checks.PROMETHEUS.pass("Prometheus: " + String.join(", ", found) + ".");
	}

	/** cryptnono and the NetworkPolicy controller need host access: shown, exempt. */
	private static Finding systemPods(HubFacts facts) {
		List<String> exempt = new ArrayList<>();
		for (DaemonSet daemonSet : facts.daemonSets()) {
			String name = daemonSet.getMetadata().getName();
			boolean cryptnono = "support".equals(daemonSet.getMetadata().getNamespace()) && "cryptnono".equals(name);
			boolean controller = NetworkPolicyEnforcement.detect(List.of(daemonSet)).isPresent();
			if (cryptnono || controller) {
				exempt.add("DaemonSet " + daemonSet.getMetadata().getNamespace() + "/" + name + " ("
						+ (cryptnono ? "cryptnono, hostPID" : "NetworkPolicy controller, host network") + ")");
			}
		}
		if (exempt.isEmpty()) {
			return Checks.SYSTEM_PODS.pass("No known privileged system pod in the cluster.");
		}
		return new Finding(Checks.SYSTEM_PODS, Result.EXEMPT, exempt, exempt,
				"Known system components: they need host access to do their work.");
	}

}
