package dev.hubguard.isolation;

import dev.hubguard.cluster.Ownership;
import dev.hubguard.egress.StandardProbes;
import dev.hubguard.hub.CatalogueHub;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short-lived pod that tries, from inside a hub's namespace and with its user
 * servers' labels, the destinations the NetworkPolicies should decide: it carries
 * {@code hubguard.dev/probe=true} so that it is neither counted as a user server nor
 * stopped as one, mounts no service-account token, runs as nobody with every capability
 * dropped and a read-only root, and is killed after its deadline.
 */
public final class ProbePod {

	static final String LABEL = IsolationWatches.PROBE_LABEL;

	public static final String CONTAINER = "probe";

	/** What the probe pod's log holds: one JSON line. */
	static final String MARKER = "hubguardProbe";

	/**
	 * busybox sh: each argument is {@code name=host:port}; the host {@code kubernetes}
	 * stands for the API server's service address from the pod's environment. Prints one
	 * JSON line.
	 */
	static final String SCRIPT = """
			out='{"hubguardProbe":1,"results":['
			sep=''
			for target in "$@"; do
			  name=${target%%=*}
			  address=${target#*=}
			  host=${address%:*}
			  port=${address##*:}
			  if [ "$host" = kubernetes ]; then host=${KUBERNETES_SERVICE_HOST:-}; port=${KUBERNETES_SERVICE_PORT:-443}; fi
			  reached=false
			  if [ -n "$host" ] && nc -z -w 3 "$host" "$port" 2>/dev/null; then reached=true; fi
			  out="$out$sep{\\"target\\":\\"$name\\",\\"address\\":\\"$host\\",\\"port\\":$port,\\"reachable\\":$reached}"
			  sep=','
			done
			echo "$out]}"
			""";

	/** The container's command before the targets: busybox's shell running the script. */
	private static final List<String> COMMAND = List.of("/bin/sh", "-c", SCRIPT, "hubguard-probe");

	/** One destination the probe tries; {@code host} may be {@code kubernetes}. */
	public record Target(String name, String host, int port) {

		/** The script's argument: {@code name=host:port}. */
		String argument() {
			return name + "=" + host + ":" + port;
		}

		static Target parse(String argument) {
			String address = argument.substring(argument.indexOf('=') + 1);
			int colon = address.lastIndexOf(':');
			return new Target(argument.substring(0, argument.indexOf('=')), address.substring(0, colon),
					Integer.parseInt(address.substring(colon + 1)));
		}

	}

	/** The targets a probe pod was given, read back from its command. */
	public static List<Target> targetsOf(Pod pod) {
		List<String> command = pod.getSpec().getContainers().get(0).getCommand();
		return command.subList(COMMAND.size(), command.size()).stream().map(Target::parse).toList();
	}

	private ProbePod() {
	}

	/**
	 * The targets for a hub: the metadata server, the API server's private service
	 * address, a public web address and, when another user server runs, its port.
	 */
	static List<Target> targets(String publicAddress, String otherUserServerIp) {
		List<Target> targets = new ArrayList<>();
		targets.add(new Target("cloud-metadata", "169.254.169.254", 80));
		targets.add(new Target("private", "kubernetes", 443));
		targets.add(Target.parse("public-web=" + publicAddress));
		if (otherUserServerIp != null) {
			targets.add(new Target("other-user-server", otherUserServerIp, 8888));
		}
		return targets;
	}

	static Pod build(CatalogueHub hub, String name, String instance, String image, long deadlineSeconds,
			List<Target> targets) {
		Map<String, String> labels = new LinkedHashMap<>(StandardProbes.singleuserPodLabels(hub.helmRelease()));
		labels.put(LABEL, "true");
		labels.put(Ownership.MANAGED_BY, Ownership.FIELD_MANAGER);
		labels.put(Ownership.INSTANCE, instance);
		List<String> command = new ArrayList<>(COMMAND);
		targets.forEach(target -> command.add(target.argument()));
		return new PodBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(hub.namespace())
			.withLabels(labels)
			.addToAnnotations(Ownership.HUB, hub.ref().toString())
			.endMetadata()
			.withNewSpec()
			.withRestartPolicy("Never")
			.withActiveDeadlineSeconds(deadlineSeconds)
			.withTerminationGracePeriodSeconds(0L)
			.withAutomountServiceAccountToken(false)
			.withEnableServiceLinks(false)
			// User servers usually run on the chart's dedicated user nodes.
			.addNewToleration()
			.withKey("hub.jupyter.org/dedicated")
			.withOperator("Equal")
			.withValue("user")
			.withEffect("NoSchedule")
			.endToleration()
			.addNewToleration()
			.withKey("hub.jupyter.org_dedicated")
			.withOperator("Equal")
			.withValue("user")
			.withEffect("NoSchedule")
			.endToleration()
			.withNewSecurityContext()
			.withRunAsNonRoot(true)
			.withRunAsUser(65534L)
			.withRunAsGroup(65534L)
			.withSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build())
			.endSecurityContext()
			.addNewContainer()
			.withName(CONTAINER)
			.withImage(image)
			.withCommand(command)
			.withNewSecurityContext()
			.withAllowPrivilegeEscalation(false)
			.withReadOnlyRootFilesystem(true)
			.withPrivileged(false)
			.withNewCapabilities()
			.withDrop("ALL")
			.endCapabilities()
			.endSecurityContext()
			.withNewResources()
			.addToLimits("cpu", new Quantity("100m"))
			.addToLimits("memory", new Quantity("32Mi"))
			.addToRequests("cpu", new Quantity("10m"))
			.addToRequests("memory", new Quantity("16Mi"))
			.endResources()
			.endContainer()
			.endSpec()
			.build();
	}

}
