package dev.hubguard.bench;

import dev.hubguard.cluster.PodReduction;
import dev.hubguard.demo.Z2jhObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Heap held per cached user pod, in the form the cluster cache keeps (reduced, then
 * compacted) beside the reduced form alone: for the bench's pods and for a pod as the
 * Z2JH chart makes it (security context, home volume, an init container, resources,
 * sixteen environment variables, the chart's labels). Usage: bench/pod-memory.sh [pods]
 * [shape] (both shapes unless one is named: {@code bench} or {@code chart})
 */
public final class PodMemoryProbe {

	private PodMemoryProbe() {
	}

	public static void main(String[] args) throws Exception {
		int pods = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
		System.out.printf("%-28s %14s %14s%n", "pod shape (" + String.format("%,d", pods) + " pods)", "reduced B/pod",
				"cached B/pod");
		for (String shape : args.length > 1 ? List.of(args[1]) : List.of("bench", "chart")) {
			Function<Integer, Pod> make = shape.equals("bench") ? PodMemoryProbe::benchPod : PodMemoryProbe::chartPod;
			long reduced = perPod(pods, i -> PodReduction.reduce(make.apply(i)));
			java.util.function.UnaryOperator<Pod> cache = PodReduction.cacheForm();
			long cached = perPod(pods, i -> cache.apply(make.apply(i)));
			System.out.printf("%-28s %,14d %,14d%n", shape, reduced, cached);
		}
	}

	private static long perPod(int count, Function<Integer, Pod> pod) throws InterruptedException {
		long before = used();
		List<Pod> held = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			held.add(pod.apply(i));
		}
		long after = used();
		if (held.size() != count) {
			throw new IllegalStateException();
		}
		return (after - before) / count;
	}

	private static long used() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(50);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	static Pod benchPod(int i) {
		return new PodBuilder(Z2jhObjects.userPod("hub" + (i / 1000), "bench-user" + (i % 1000))).editSpec()
			.withNodeName("cluster-user-pool-" + (i % 20))
			.withAutomountServiceAccountToken(false)
			.endSpec()
			.editMetadata()
			.withUid(java.util.UUID.randomUUID().toString())
			.withResourceVersion(Integer.toString(100_000 + i))
			.withCreationTimestamp("2026-12-05T10:" + String.format("%02d:%02d", (i / 60) % 60, i % 60) + "Z")
			.endMetadata()
			.build();
	}

	static Pod chartPod(int i) {
		String user = "user" + (i % 1000);
		String hub = "hub" + (i / 1000);
		PodBuilder pod = new PodBuilder(benchPod(i)).editMetadata()
			.addToLabels("chart", "jupyterhub-4.1.0")
			.addToLabels("heritage", "jupyterhub")
			.addToLabels("hub.jupyter.org/network-access-hub", "true")
			.addToLabels("hub.jupyter.org/servername", "")
			.addToLabels("hub.jupyter.org/username", user)
			.addToAnnotations("hub.jupyter.org/servername", "")
			.endMetadata()
			.editSpec()
			.withServiceAccountName("default")
			.withNewSecurityContext()
			.withFsGroup(100L)
			.endSecurityContext()
			.addNewVolume()
			.withName("volume-" + user)
			.withNewPersistentVolumeClaim()
			.withClaimName("claim-" + user)
			.endPersistentVolumeClaim()
			.endVolume()
			.addNewInitContainer()
			.withName("block-cloud-metadata")
			.withImage("quay.io/jupyterhub/k8s-network-tools:4.1.0")
			.withCommand("iptables", "--append", "OUTPUT", "--protocol", "tcp", "--destination", "169.254.169.254",
					"--destination-port", "80", "--jump", "DROP")
			.withNewSecurityContext()
			.withPrivileged(true)
			.withRunAsUser(0L)
			.withNewCapabilities()
			.withAdd("NET_ADMIN")
			.endCapabilities()
			.endSecurityContext()
			.endInitContainer()
			.editFirstContainer()
			.withNewSecurityContext()
			.withRunAsUser(1000L)
			.withAllowPrivilegeEscalation(false)
			.endSecurityContext()
			.withNewResources()
			.addToLimits("memory", new Quantity("2147483648"))
			.addToRequests("memory", new Quantity("1073741824"))
			.addToRequests("cpu", new Quantity("0.05"))
			.endResources()
			.addNewVolumeMount()
			.withName("volume-" + user)
			.withMountPath("/home/jovyan")
			.endVolumeMount()
			.endContainer()
			.endSpec()
			.editStatus()
			.withStartTime("2026-12-05T10:00:00Z")
			.addNewContainerStatus()
			.withName("notebook")
			.withReady(true)
			.withRestartCount(0)
			.endContainerStatus()
			.endStatus();
		for (String env : List.of("CPU_GUARANTEE", "CPU_LIMIT", "JPY_API_TOKEN", "JUPYTERHUB_ACTIVITY_URL",
				"JUPYTERHUB_ADMIN_ACCESS", "JUPYTERHUB_API_TOKEN", "JUPYTERHUB_API_URL", "JUPYTERHUB_BASE_URL",
				"JUPYTERHUB_CLIENT_ID", "JUPYTERHUB_HOST", "JUPYTERHUB_OAUTH_CALLBACK_URL", "JUPYTERHUB_SERVER_NAME",
				"JUPYTERHUB_SERVICE_PREFIX", "JUPYTERHUB_USER", "MEM_GUARANTEE", "MEM_LIMIT")) {
			pod.editSpec()
				.editFirstContainer()
				.addNewEnv()
				.withName(env)
				.withValue(env + "-" + user)
				.endEnv()
				.endContainer()
				.endSpec();
		}
		return pod.build();
	}

}
