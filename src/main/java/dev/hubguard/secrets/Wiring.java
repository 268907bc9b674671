package dev.hubguard.secrets;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pure: is a hub wired to receive its secrets? Read from its running user pods (reduced
 * form): {@code envFrom} with a {@code secretRef} to {@code hubguard-user-env}; a secret
 * volume of {@code hubguard-user-files} mounted at {@code /etc/hubguard/secrets}; a
 * variable the pod also sets in {@code env} (which wins over {@code envFrom}); servers
 * started before the latest change to the variables.
 */
public final class Wiring {

	private Wiring() {
	}

	public enum Status {

		/** Every running server receives them. */
		WIRED,
		/** Some servers do, others do not (started before the configuration changed). */
		PARTLY,
		/** No running server does. */
		NOT_WIRED,
		/** No server is running, so nothing shows the configuration. */
		NO_SERVERS

	}

	public record PodEvidence(String pod, String user, Instant startedAt, boolean env, boolean files,
			List<String> shadowed, boolean restartNeeded) {
	}

	public record Report(Status env, Status files, List<PodEvidence> pods, Map<String, List<String>> shadowed,
			List<PodEvidence> restartNeeded) {
	}

	static Report check(List<Pod> pods, Set<String> envNames, Instant envChangedAt) {
		List<PodEvidence> evidence = new ArrayList<>();
		Map<String, List<String>> shadowed = new TreeMap<>();
		for (Pod pod : pods) {
			Container container = notebook(pod);
			if (container == null) {
				continue;
			}
			boolean env = container.getEnvFrom() != null && container.getEnvFrom()
				.stream()
				.map(EnvFromSource::getSecretRef)
				.anyMatch(ref -> ref != null && Delivery.ENV_SECRET.equals(ref.getName()));
			boolean files = mountsFiles(pod, container);
			List<String> shadows = container.getEnv() == null ? List.of()
					: container.getEnv().stream().map(EnvVar::getName).filter(envNames::contains).sorted().toList();
			String name = pod.getMetadata().getName();
			shadows.forEach(variable -> shadowed.computeIfAbsent(variable, key -> new ArrayList<>()).add(name));
			Instant started = started(pod);
			boolean restart = env && envChangedAt != null && started != null && started.isBefore(envChangedAt);
			String user = pod.getMetadata().getAnnotations() == null ? null
					: pod.getMetadata().getAnnotations().get("hub.jupyter.org/username");
			evidence.add(new PodEvidence(name, user, started, env, files, shadows, restart));
		}
		return new Report(status(evidence, PodEvidence::env), status(evidence, PodEvidence::files), evidence, shadowed,
				evidence.stream().filter(PodEvidence::restartNeeded).toList());
	}

	private static Status status(List<PodEvidence> pods, java.util.function.Predicate<PodEvidence> wired) {
		if (pods.isEmpty()) {
			return Status.NO_SERVERS;
		}
		long count = pods.stream().filter(wired).count();
		return count == pods.size() ? Status.WIRED : count == 0 ? Status.NOT_WIRED : Status.PARTLY;
	}

	private static Container notebook(Pod pod) {
		if (pod.getSpec() == null || pod.getSpec().getContainers() == null || pod.getSpec().getContainers().isEmpty()) {
			return null;
		}
		return pod.getSpec()
			.getContainers()
			.stream()
			.filter(c -> "notebook".equals(c.getName()))
			.findFirst()
			.orElse(pod.getSpec().getContainers().get(0));
	}

	private static boolean mountsFiles(Pod pod, Container container) {
		List<Volume> volumes = Objects.requireNonNullElse(pod.getSpec().getVolumes(), List.of());
		Set<String> secretVolumes = new java.util.HashSet<>();
		for (Volume volume : volumes) {
			if (volume.getSecret() != null && Delivery.FILES_SECRET.equals(volume.getSecret().getSecretName())) {
				secretVolumes.add(volume.getName());
			}
		}
		List<VolumeMount> mounts = Objects.requireNonNullElse(container.getVolumeMounts(), List.of());
		return mounts.stream()
			.anyMatch(mount -> secretVolumes.contains(mount.getName())
					&& Delivery.FILE_DIRECTORY.equals(mount.getMountPath()) && mount.getSubPath() == null);
	}

	private static Instant started(Pod pod) {
		String at = pod.getStatus() != null && pod.getStatus().getStartTime() != null ? pod.getStatus().getStartTime()
				: pod.getMetadata().getCreationTimestamp();
		try {
			return at == null ? null : Instant.parse(at);
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

}
