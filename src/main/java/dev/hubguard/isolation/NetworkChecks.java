package dev.hubguard.isolation;

import dev.hubguard.egress.DesiredAccess;
import dev.hubguard.egress.EffectiveAccessReport;
import dev.hubguard.egress.EgressPolicy;
import dev.hubguard.egress.LabelSelectors;
import dev.hubguard.egress.NetworkPolicyEnforcement;
import dev.hubguard.egress.StandardProbes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the network rules of a hub's user servers can and do hold: the chart's policy,
 * a controller to enforce it, and the effective-access verdicts against what is intended.
 */
final class NetworkChecks {

	/** CNIs that run pod networking and enforce no NetworkPolicy. */
	private static final Set<String> NON_ENFORCING = Set.of("kube-flannel-ds", "flannel", "kindnet", "aws-node");

	private static final java.time.format.DateTimeFormatter PROBE_TIME = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(java.time.ZoneOffset.UTC);

	private NetworkChecks() {
	}

	static List<Finding> check(HubFacts facts) {
		Enforcement enforcement = enforcement(facts.daemonSets());
		boolean iptables = !facts.userPods().isEmpty()
				&& facts.userPods().stream().allMatch(NetworkChecks::blocksMetadata);
		return List.of(policy(facts), enforcement.finding(), probe(facts), metadata(facts, enforcement, iptables),
				privateAddresses(facts, enforcement), internet(facts, enforcement), iptables(facts, enforcement));
	}

	/**
	 * PASS: a controller enforces; FAIL: the CNI is known not to; UNKNOWN: cannot tell.
	 */
	record Enforcement(Result result, String text) {

		Finding finding() {
			return Checks.CONTROLLER.result(result, List.of(text), List.of());
		}

	}

	static Enforcement enforcement(List<DaemonSet> daemonSets) {
		Optional<String> enforcer = NetworkPolicyEnforcement.detect(daemonSets);
		if (enforcer.isPresent()) {
			return new Enforcement(Result.PASS, enforcer.get() + " enforces NetworkPolicies (found by its DaemonSet).");
		}
		for (DaemonSet daemonSet : daemonSets) {
			if (NON_ENFORCING.contains(daemonSet.getMetadata().getName())) {
				return new Enforcement(Result.FAIL,
						"DaemonSet " + daemonSet.getMetadata().getNamespace() + "/" + daemonSet.getMetadata().getName()
								+ " runs pod networking and enforces no NetworkPolicy; no policy controller was found: "
								+ "every NetworkPolicy of this cluster is ignored.");
			}
		}
		return new Enforcement(Result.UNKNOWN,
				"No known NetworkPolicy controller (Calico, Cilium, Antrea, kube-router, "
						+ "azure-npm, the AWS network policy agent) was found, and the CNI could not be told apart.");
	}

	static boolean blocksMetadata(Pod pod) {
		List<Container> init = pod.getSpec() == null ? null : pod.getSpec().getInitContainers();
		return init != null && init.stream().anyMatch(c -> PodChecks.IPTABLES_CONTAINER.equals(c.getName()));
	}

	private static Finding policy(HubFacts facts) {
		Optional<NetworkPolicy> singleuser = facts.policies()
			.stream()
			.filter(p -> "singleuser".equals(p.getMetadata().getName()))
			.findFirst();
		if (singleuser.isEmpty()) {
			return Checks.POLICY.result(Result.FAIL,
					List.of("No NetworkPolicy named singleuser in namespace " + facts.namespace() + "."),
					List.of("Namespace " + facts.namespace()));
		}
		Map<String, String> labels = facts.userPods().isEmpty()
				? StandardProbes.singleuserPodLabels(facts.hub().helmRelease())
				: facts.userPods().get(0).getMetadata().getLabels();
		NetworkPolicy policy = singleuser.get();
		String name = "NetworkPolicy " + facts.namespace() + "/singleuser";
		if (policy.getSpec() == null || policy.getSpec().getPodSelector() == null
				|| !LabelSelectors.matches(policy.getSpec().getPodSelector(), labels)) {
			return Checks.POLICY.result(Result.FAIL,
					List.of(name + ": spec.podSelector does not select the user pods' labels " + labels + "."),
					List.of(name));
		}
		return Checks.POLICY.pass(name + " selects the user pods (policyTypes " + policy.getSpec().getPolicyTypes()
				+ ", " + (facts.userPods().isEmpty() ? "the chart's labels" : "labels of the running pods") + ").");
	}

	private static Finding probe(HubFacts facts) {
		Check check = Checks.PROBE;
		ProbeRun run = facts.probe();
		if (!facts.probeEnabled()) {
			return check.unknown("The active network probe is off for the cluster " + facts.hub().ref().cluster()
					+ " (staff turn it on with HUBGUARD_ISOLATION_PROBE_CLUSTERS and the optional Role in"
					+ " deploy/cluster-access).");
		}
		if (run == null) {
			return check.unknown("Not probed yet.");
		}
		String when = "Probe pod " + run.pod() + ", " + PROBE_TIME.format(run.startedAt()) + ", asked by "
				+ run.requestedBy() + ".";
		return switch (run.outcome()) {
			case RUNNING -> check.unknown("A probe is running: " + when);
			case FAILED -> check.unknown("The last probe gave no answer: " + run.error() + " " + when);
			case ENFORCED, NOT_ENFORCED -> {
				List<String> lines = new ArrayList<>();
				lines.add(when);
				run.reaches().forEach(reach -> lines.add(reach.describe()));
				yield check.result(run.outcome() == ProbeRun.Outcome.ENFORCED ? Result.PASS : Result.FAIL, lines,
						run.outcome() == ProbeRun.Outcome.ENFORCED ? List.of()
								: List.of("Namespace " + facts.namespace()));
			}
		};
	}

	private static Optional<EffectiveAccessReport.Row> row(HubFacts facts, String key) {
		if (facts.access() == null) {
			return Optional.empty();
		}
		return facts.access().verdicts().stream().filter(r -> r.destination().equals(key)).findFirst();
	}

	private static String allowedBy(EffectiveAccessReport.Row row) {
		return row.description() + " is allowed"
				+ (row.policy() == null ? " (no policy isolates user servers for egress)"
						: " by NetworkPolicy " + row.policy() + ", " + row.rule())
				+ ".";
	}

	private static Finding metadata(HubFacts facts, Enforcement enforcement, boolean iptables) {
		Check check = Checks.METADATA;
		Optional<EffectiveAccessReport.Row> row = row(facts, "cloud-metadata");
		String blocker = "The block-cloud-metadata init container (iptables) blocks 169.254.169.254 in every user pod.";
		if (row.isEmpty()) {
			return iptables ? check.pass(blocker) : check.unknown("The effective access could not be evaluated yet.");
		}
		if (row.get().allowed()) {
			if (iptables) {
				return check.pass(allowedBy(row.get()) + " " + blocker);
			}
			return check.result(Result.FAIL, List.of(allowedBy(row.get())), objects(facts, row.get()));
		}
		if (enforcement.result() == Result.PASS) {
			return check.pass("Denied by the NetworkPolicies (" + row.get().reason() + "), enforced.");
		}
		if (iptables) {
			return check.pass(blocker);
		}
		String why = "The NetworkPolicies deny it, but " + enforcement.text();
		return enforcement.result() == Result.FAIL ? check.result(Result.FAIL, List.of(why), List.of())
				: check.unknown(why);
	}

	private static List<String> objects(HubFacts facts, EffectiveAccessReport.Row row) {
		return row.policy() == null ? List.of() : List.of("NetworkPolicy " + facts.namespace() + "/" + row.policy());
	}

	private static Finding privateAddresses(HubFacts facts, Enforcement enforcement) {
		Check check = Checks.PRIVATE;
		Optional<EffectiveAccessReport.Row> row = row(facts, "private");
		if (row.isEmpty()) {
			return check.unknown("The effective access could not be evaluated yet.");
		}
		boolean intended = facts.desired() != null && facts.desired().allowPrivate();
		if (row.get().allowed()) {
			return intended ? check.pass(allowedBy(row.get()) + " The hub's desired policy allows private addresses.")
					: check.result(Result.FAIL, List.of(allowedBy(row.get())), objects(facts, row.get()));
		}
		if (enforcement.result() == Result.PASS || intended) {
			return check.pass(row.get().description() + " is denied by the NetworkPolicies, enforced.");
		}
		String why = "The NetworkPolicies deny it, but " + enforcement.text();
		return enforcement.result() == Result.FAIL ? check.result(Result.FAIL, List.of(why), List.of())
				: check.unknown(why);
	}

	private static Finding internet(HubFacts facts, Enforcement enforcement) {
		Check check = Checks.INTERNET;
		EgressPolicy desired = facts.desired();
		if (desired == null) {
			return check
				.pass("Hubguard holds no desired internet access for this hub: the chart's policy is the intent.");
		}
		List<String> differences = new ArrayList<>();
		List<String> objects = new ArrayList<>();
		for (String key : List.of("public-443", "public-22")) {
			Optional<EffectiveAccessReport.Row> row = row(facts, key);
			if (row.isEmpty()) {
				return check.unknown("The effective access could not be evaluated yet.");
			}
			boolean wanted = DesiredAccess.allows(facts.hub(), desired, key);
			boolean effective = row.get().allowed() || enforcement.result() != Result.PASS;
			if (wanted != effective) {
				differences.add(row.get().description() + ": desired " + (wanted ? "allowed" : "denied") + ", but "
						+ (row.get().allowed() ? allowedBy(row.get()) : "not enforced: " + enforcement.text()));
				objects.addAll(objects(facts, row.get()));
			}
		}
		String summary = "Desired: " + desired.summary() + ".";
		if (differences.isEmpty()) {
			return check.pass(summary + " The effective access matches it.");
		}
		if (enforcement.result() == Result.UNKNOWN && objects.isEmpty()) {
			return check.unknown(summary + " " + String.join(" ", differences));
		}
		List<String> evidence = new ArrayList<>(List.of(summary));
		evidence.addAll(differences);
		return check.result(Result.FAIL, evidence, objects.stream().distinct().toList());
	}

	private static Finding iptables(HubFacts facts, Enforcement enforcement) {
		Check check = Checks.IPTABLES;
		List<String> pods = facts.userPods()
			.stream()
			.filter(NetworkChecks::blocksMetadata)
			.map(p -> p.getMetadata().getName())
			.toList();
		if (pods.isEmpty()) {
			return check.pass("No user pod runs the privileged block-cloud-metadata init container.");
		}
		String present = "init container block-cloud-metadata (privileged, runs as root, adds NET_ADMIN) — "
				+ Evidence.pods(pods);
		if (enforcement.result() == Result.PASS) {
			return check.result(Result.WARN, List.of(present, enforcement.text()
					+ " The NetworkPolicies already deny the metadata server, so the chart recommends turning this off."),
					pods.stream().limit(Evidence.OBJECTS).map(p -> "Pod " + facts.namespace() + "/" + p).toList());
		}
		return check.pass(present + ": needed while no controller is known to enforce the policies.");
	}

}
