package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reduced form in which pods are cached: only the fields features read (identity,
 * labels, JupyterHub's annotations, the security-relevant parts of the spec, the phase
 * and readiness). Environment variables keep their names only: a value (which may be a
 * credential set in the chart's {@code singleuser.extraEnv}) is never cached. Cached pods
 * are also {@link ModelCompactor compacted}: read-only, with the parts that pods of a hub
 * have in common (containers, volumes, security contexts) held once.
 */
public final class PodReduction {

	private PodReduction() {
	}

	/** A compactor for one cache's pods: see {@link ModelCompactor}. */
	static ModelCompactor compactor() {
		return new ModelCompactor(Set.of(Pod.class, ObjectMeta.class, PodStatus.class));
	}

	/**
	 * The reduced form, compacted: read-only, and sharing the parts equal to those of
	 * pods the compactor saw before.
	 */
	static Pod reduce(Pod pod, ModelCompactor compactor) {
		return compactor.compact(reduce(pod));
	}

	/**
	 * The form in which one cache keeps pods: each pod reduced and compacted, sharing
	 * parts with the pods given before it.
	 */
	public static java.util.function.UnaryOperator<Pod> cacheForm() {
		ModelCompactor compactor = compactor();
		return pod -> reduce(pod, compactor);
	}

	public static Pod reduce(Pod pod) {
		ObjectMeta meta = pod.getMetadata();
		Map<String, String> annotations = meta.getAnnotations() == null ? Map.of()
				: meta.getAnnotations()
					.entrySet()
					.stream()
					.filter(entry -> entry.getKey().startsWith("hub.jupyter.org/"))
					.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
		ObjectMeta reducedMeta = new ObjectMetaBuilder().withName(meta.getName())
			.withNamespace(meta.getNamespace())
			.withUid(meta.getUid())
			.withResourceVersion(meta.getResourceVersion())
			.withCreationTimestamp(meta.getCreationTimestamp())
			.withDeletionTimestamp(meta.getDeletionTimestamp())
			.withLabels(meta.getLabels())
			.withAnnotations(annotations.isEmpty() ? null : annotations)
			.build();
		return new PodBuilder().withMetadata(reducedMeta)
			.withSpec(spec(pod.getSpec()))
			.withStatus(status(pod.getStatus()))
			.build();
	}

	private static PodSpec spec(PodSpec spec) {
		if (spec == null) {
			return null;
		}
		return new PodSpecBuilder().withNodeName(spec.getNodeName())
			.withServiceAccountName(spec.getServiceAccountName())
			.withAutomountServiceAccountToken(spec.getAutomountServiceAccountToken())
			.withHostNetwork(spec.getHostNetwork())
			.withHostPID(spec.getHostPID())
			.withHostIPC(spec.getHostIPC())
			.withSecurityContext(spec.getSecurityContext())
			.withVolumes(spec.getVolumes())
			.withContainers(containers(spec.getContainers()))
			.withInitContainers(containers(spec.getInitContainers()))
			.build();
	}

	private static List<Container> containers(List<Container> containers) {
		if (containers == null) {
			return null;
		}
		return containers.stream()
			.map(container -> new ContainerBuilder().withName(container.getName())
				.withImage(container.getImage())
				.withSecurityContext(container.getSecurityContext())
				.withResources(container.getResources())
				.withEnv(container.getEnv() == null ? null
						: container.getEnv().stream().map(env -> new EnvVar(env.getName(), null, null)).toList())
				.withEnvFrom(container.getEnvFrom())
				.withVolumeMounts(container.getVolumeMounts())
				.build())
			.toList();
	}

	private static PodStatus status(PodStatus status) {
		if (status == null) {
			return null;
		}
		List<ContainerStatus> containers = status.getContainerStatuses() == null ? null
				: status.getContainerStatuses()
					.stream()
					.map(container -> new ContainerStatusBuilder().withName(container.getName())
						.withReady(container.getReady())
						.withRestartCount(container.getRestartCount())
						.build())
					.toList();
		// The Ready condition only: whether a node agent (cryptnono) is serving.
		List<io.fabric8.kubernetes.api.model.PodCondition> ready = status.getConditions() == null ? null
				: status.getConditions().stream().filter(condition -> "Ready".equals(condition.getType())).toList();
		return new PodStatusBuilder().withPhase(status.getPhase())
			.withPodIP(status.getPodIP())
			.withStartTime(status.getStartTime())
			.withConditions(ready)
			.withContainerStatuses(containers)
			.build();
	}

}
