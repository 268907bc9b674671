package dev.hubguard.isolation;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The container checks of user server pods (containers and init containers). The chart's
 * {@code block-cloud-metadata} init container is left to its own check.
 */
final class PodChecks {

	/** The init container the chart adds for {@code cloudMetadata.blockWithIptables}. */
	static final String IPTABLES_CONTAINER = "block-cloud-metadata";

	static final Set<String> DANGEROUS = Set.of("ALL", "SYS_ADMIN", "NET_ADMIN", "NET_RAW", "SYS_PTRACE", "SYS_MODULE",
			"SYS_RAWIO", "SYS_BOOT", "SYS_CHROOT", "DAC_READ_SEARCH", "DAC_OVERRIDE", "BPF", "PERFMON", "SETUID",
			"SETGID", "MKNOD", "SYS_TIME");

	static final List<Check> CHECKS = List.of(Checks.PRIVILEGED, Checks.ESCALATION, Checks.NON_ROOT,
			Checks.CAPABILITIES, Checks.HOST_NAMESPACES, Checks.HOST_PATH, Checks.SECCOMP, Checks.MEMORY_LIMIT,
			Checks.CPU_LIMIT);

	private PodChecks() {
	}

	/**
	 * Findings for every container check, and per pod the ids of the checks it fails or
	 * warns on.
	 */
	record Outcome(List<Finding> findings, Map<String, List<String>> violationsByPod) {
	}

	/** One problem of one pod. */
	record Violation(Check check, Result result, String problem) {
	}

	/** A pod's problems, and the ids of the checks they fail, sorted. */
	record Verdict(List<Violation> violations, List<String> checkIds) {

		static Verdict of(List<Violation> violations) {
			return new Verdict(List.copyOf(violations),
					List.copyOf(new TreeSet<>(violations.stream().map(v -> v.check().id()).toList())));
		}

	}

	/** Checks every pod afresh. */
	static Outcome check(List<Pod> pods) {
		return check(pods, PodChecks::verdict);
	}

	/** Checks the pods, taking each pod's verdict from {@code verdicts}. */
	static Outcome check(List<Pod> pods, Function<Pod, Verdict> verdicts) {
		Map<Check, Evidence> evidence = new LinkedHashMap<>();
		CHECKS.forEach(check -> evidence.put(check, new Evidence()));
		Map<String, List<String>> byPod = new HashMap<>();
		for (Pod pod : pods) {
			Verdict verdict = verdicts.apply(pod);
			if (verdict.violations().isEmpty()) {
				continue;
			}
			String name = pod.getMetadata().getName();
			for (Violation violation : verdict.violations()) {
				evidence.get(violation.check()).add(violation.result(), violation.problem(), name);
			}
			byPod.put(name, verdict.checkIds());
		}
		List<Finding> findings = new ArrayList<>();
		evidence.forEach((check, found) -> findings.add(finding(check, found, pods.size())));
		return new Outcome(findings, byPod);
	}

	static Verdict verdict(Pod pod) {
		List<Violation> violations = new ArrayList<>(2);
		checkPod(pod, (check, result, problem) -> violations.add(new Violation(check, result, problem)));
		return Verdict.of(violations);
	}

	private static Finding finding(Check check, Evidence found, int pods) {
		if (pods == 0) {
			return check.unknown("No user server is running: there is no pod to check.");
		}
		if (found.isEmpty()) {
			return check.pass("All " + pods + " running user pods comply.");
		}
		return check.result(found.worst(), found.lines(), found.objects());
	}

	interface Sink {

		void report(Check check, Result result, String problem);

	}

	static void checkPod(Pod pod, Sink sink) {
		PodSpec spec = pod.getSpec();
		if (spec == null) {
			return;
		}
		List<String> host = new ArrayList<>();
		if (Boolean.TRUE.equals(spec.getHostNetwork())) {
			host.add("hostNetwork");
		}
		if (Boolean.TRUE.equals(spec.getHostPID())) {
			host.add("hostPID");
		}
		if (Boolean.TRUE.equals(spec.getHostIPC())) {
			host.add("hostIPC");
		}
		if (!host.isEmpty()) {
			sink.report(Checks.HOST_NAMESPACES, Result.FAIL, "spec." + String.join(", spec.", host) + ": true");
		}
		for (Volume volume : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
			if (volume.getHostPath() != null) {
				sink.report(Checks.HOST_PATH, Result.FAIL,
						"volume " + volume.getName() + ": hostPath " + volume.getHostPath().getPath());
			}
		}
		PodSecurityContext podContext = spec.getSecurityContext() == null ? new PodSecurityContext()
				: spec.getSecurityContext();
		List<Container> containers = new ArrayList<>();
		if (spec.getInitContainers() != null) {
			spec.getInitContainers()
				.stream()
				.filter(c -> !IPTABLES_CONTAINER.equals(c.getName()))
				.forEach(containers::add);
		}
		if (spec.getContainers() != null) {
			containers.addAll(spec.getContainers());
		}
		for (Container container : containers) {
			checkContainer(container, podContext, sink);
		}
	}

	private static void checkContainer(Container container, PodSecurityContext pod, Sink sink) {
		String name = "container " + container.getName() + ": ";
		SecurityContext context = container.getSecurityContext() == null ? new SecurityContext()
				: container.getSecurityContext();
		if (Boolean.TRUE.equals(context.getPrivileged())) {
			sink.report(Checks.PRIVILEGED, Result.FAIL, name + "securityContext.privileged: true");
		}
		if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
			sink.report(Checks.ESCALATION, Result.FAIL, name + "securityContext.allowPrivilegeEscalation is "
					+ (context.getAllowPrivilegeEscalation() == null ? "not set (defaults to true)" : "true"));
		}
		Long uid = context.getRunAsUser() != null ? context.getRunAsUser() : pod.getRunAsUser();
		Boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : pod.getRunAsNonRoot();
		if (uid != null && uid == 0) {
			sink.report(Checks.NON_ROOT, Result.FAIL, name + "runAsUser: 0 (root)");
		}
		else if (!Boolean.TRUE.equals(nonRoot)) {
			sink.report(Checks.NON_ROOT, uid == null ? Result.FAIL : Result.WARN,
					name + (uid == null ? "no runAsUser and no runAsNonRoot (the image's user, often root)"
							: "runAsUser: " + uid + " but runAsNonRoot not set"));
		}
		capabilities(name, context.getCapabilities(), sink);
		SeccompProfile seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile()
				: pod.getSeccompProfile();
		String type = seccomp == null ? null : seccomp.getType();
		if (!"RuntimeDefault".equals(type) && !"Localhost".equals(type)) {
			sink.report(Checks.SECCOMP, Result.FAIL,
					name + (type == null ? "no seccompProfile" : "seccompProfile.type: " + type));
		}
		Map<String, ?> limits = container.getResources() == null || container.getResources().getLimits() == null
				? Map.of() : container.getResources().getLimits();
		if (!limits.containsKey("memory")) {
			sink.report(Checks.MEMORY_LIMIT, Result.FAIL, name + "no resources.limits.memory");
		}
		if (!limits.containsKey("cpu")) {
			sink.report(Checks.CPU_LIMIT, Result.FAIL, name + "no resources.limits.cpu");
		}
	}

	private static void capabilities(String name, Capabilities capabilities, Sink sink) {
		List<String> added = capabilities == null || capabilities.getAdd() == null ? List.of()
				: capabilities.getAdd().stream().map(PodChecks::bare).toList();
		List<String> dangerous = added.stream().filter(DANGEROUS::contains).toList();
		boolean dropsAll = capabilities != null && capabilities.getDrop() != null
				&& capabilities.getDrop().stream().map(PodChecks::bare).anyMatch("ALL"::equals);
		if (!dangerous.isEmpty()) {
			sink.report(Checks.CAPABILITIES, Result.FAIL, name + "capabilities.add: " + dangerous);
		}
		else if (!dropsAll) {
			sink.report(Checks.CAPABILITIES, Result.WARN, name + "capabilities.drop does not include ALL");
		}
	}

	private static String bare(String capability) {
		String upper = capability.toUpperCase(java.util.Locale.ROOT);
		return upper.startsWith("CAP_") ? upper.substring(4) : upper;
	}

}
