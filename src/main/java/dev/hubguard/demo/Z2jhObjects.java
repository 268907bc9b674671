package dev.hubguard.demo;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes objects shaped as the Zero to JupyterHub chart renders them: the hub
 * namespace, the {@code singleuser} NetworkPolicy for given {@code egressAllowRules},
 * hub, proxy and user pods, and cryptnono's DaemonSet.
 */
public final class Z2jhObjects {

	static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

	static final String METADATA_IP = "169.254.169.254/32";

	private Z2jhObjects() {
	}

	public static Namespace namespace(String name) {
		return new NamespaceBuilder().withNewMetadata()
			.withName(name)
			.addToLabels("kubernetes.io/metadata.name", name)
			.endMetadata()
			.build();
	}

	/**
	 * The chart's defaults: nonPrivateIPs true, privateIPs false, cloudMetadataServer
	 * false, DNS allowed.
	 */
	public static NetworkPolicy singleuserPolicy(String release, boolean nonPrivateIps) {
		List<NetworkPolicyEgressRule> egress = new ArrayList<>();
		egress.add(toPods(Map.of("component", "hub", "app", "jupyterhub", "release", release), port(8081, "TCP")));
		egress.add(toPods(Map.of("component", "proxy", "app", "jupyterhub", "release", release), port(8000, "TCP")));
		egress.add(toPods(Map.of("component", "autohttps", "app", "jupyterhub", "release", release), port(8080, "TCP"),
				port(8443, "TCP")));
		// One DNS rule from dnsPortsCloudMetadataServer, dnsPortsKubeSystemNamespace and
		// dnsPortsPrivateIPs.
		egress.add(new NetworkPolicyEgressRuleBuilder()
			.withTo(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("169.254.169.254/32").endIpBlock().build(),
					new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
						.addToMatchLabels("kubernetes.io/metadata.name", "kube-system")
						.endNamespaceSelector()
						.build(),
					new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("10.0.0.0/8").endIpBlock().build(),
					new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("172.16.0.0/12").endIpBlock().build(),
					new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("192.168.0.0/16").endIpBlock().build())
			.withPorts(port(53, "UDP"), port(53, "TCP"))
			.build());
		if (nonPrivateIps) {
			List<String> except = new ArrayList<>(PRIVATE_RANGES);
			except.add(METADATA_IP);
			egress.add(
					new NetworkPolicyEgressRuleBuilder()
						.withTo(new NetworkPolicyPeerBuilder().withNewIpBlock()
							.withCidr("0.0.0.0/0")
							.withExcept(except)
							.endIpBlock()
							.build())
						.build());
		}
		return new NetworkPolicyBuilder().withNewMetadata()
			.withName("singleuser")
			.withNamespace(release)
			.addToLabels("app", "jupyterhub")
			.addToLabels("component", "singleuser")
			.addToLabels("release", release)
			.addToLabels("app.kubernetes.io/managed-by", "Helm")
			.endMetadata()
			.withNewSpec()
			.withNewPodSelector()
			.addToMatchLabels("component", "singleuser-server")
			.addToMatchLabels("app", "jupyterhub")
			.addToMatchLabels("release", release)
			.endPodSelector()
			.withPolicyTypes("Ingress", "Egress")
			.addNewIngress()
			.addNewFrom()
			.withNewPodSelector()
			.addToMatchLabels("hub.jupyter.org/network-access-singleuser", "true")
			.endPodSelector()
			.endFrom()
			.addToPorts(port(8888, "TCP"))
			.endIngress()
			.withEgress(egress)
			.endSpec()
			.build();
	}

	public static Pod hubPod(String release) {
		return pod(release, "hub-7d9f8c6b5-x2kqp", "hub", Map.of());
	}

	public static Pod proxyPod(String release) {
		return pod(release, "proxy-5c6f7d8b9-m4nzt", "proxy", Map.of());
	}

	/**
	 * A running user server, named as KubeSpawner names it and annotated with its user.
	 */
	public static Pod userPod(String release, String username) {
		return pod(release, "jupyter-" + escape(username), "singleuser-server",
				Map.of("hub.jupyter.org/username", username));
	}

	public static DaemonSet cryptnono() {
		return new DaemonSetBuilder().withNewMetadata()
			.withName("cryptnono")
			.withNamespace("support")
			.addToLabels("app.kubernetes.io/name", "cryptnono")
			.endMetadata()
			.withNewSpec()
			.withNewSelector()
			.addToMatchLabels("app.kubernetes.io/name", "cryptnono")
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.addToLabels("app.kubernetes.io/name", "cryptnono")
			.endMetadata()
			.withSpec(cryptnonoSpec())
			.endTemplate()
			.endSpec()
			.build();
	}

	/** One running pod of cryptnono's DaemonSet on a node, as the kubelet reports it. */
	public static Pod cryptnonoAgent(String name, String node) {
		io.fabric8.kubernetes.api.model.PodSpec spec = cryptnonoSpec();
		spec.setNodeName(node);
		return new PodBuilder().withNewMetadata()
			.withName(name)
			.withNamespace("support")
			.addToLabels("app.kubernetes.io/name", "cryptnono")
			.endMetadata()
			.withSpec(spec)
			.withNewStatus()
			.withPhase("Running")
			.addNewCondition()
			.withType("Ready")
			.withStatus("True")
			.endCondition()
			.endStatus()
			.build();
	}

	private static io.fabric8.kubernetes.api.model.PodSpec cryptnonoSpec() {
		return new io.fabric8.kubernetes.api.model.PodSpecBuilder().addNewContainer()
			.withName("execwhacker")
			.withImage("quay.io/yuvipanda/cryptnono:0.3.2")
			.endContainer()
			.addNewContainer()
			.withName("monero")
			.withImage("quay.io/yuvipanda/cryptnono:0.3.2")
			.endContainer()
			.withHostPID(true)
			.build();
	}

	/** Calico's node agent, which enforces NetworkPolicies. */
	public static DaemonSet calicoNode() {
		return new DaemonSetBuilder().withNewMetadata()
			.withName("calico-node")
			.withNamespace("kube-system")
			.addToLabels("k8s-app", "calico-node")
			.endMetadata()
			.withNewSpec()
			.withNewSelector()
			.addToMatchLabels("k8s-app", "calico-node")
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.addToLabels("k8s-app", "calico-node")
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName("calico-node")
			.withImage("docker.io/calico/node:v3.29.1")
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
	}

	/**
	 * KubeSpawner's escaping of usernames in pod names: safe characters stay, others
	 * become -XX.
	 */
	public static String escape(String username) {
		StringBuilder out = new StringBuilder();
		for (byte b : username.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				out.append(c);
			}
			else {
				out.append('-').append(String.format("%02x", b & 0xff));
			}
		}
		return out.toString();
	}

	private static Pod pod(String release, String name, String component, Map<String, String> annotations) {
		return new PodBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(release)
			.addToLabels("app", "jupyterhub")
			.addToLabels("component", component)
			.addToLabels("release", release)
			.withAnnotations(annotations)
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName(component.equals("singleuser-server") ? "notebook" : component)
			.withImage("quay.io/jupyterhub/k8s-"
					+ (component.equals("singleuser-server") ? "singleuser-sample" : component) + ":4.1.0")
			.endContainer()
			.endSpec()
			.withNewStatus()
			.withPhase("Running")
			// A stable address in the demo's pod range, from the pod's name.
			.withPodIP("10.8." + ((name.hashCode() >>> 8) & 0xff) + "." + ((name.hashCode() & 0xfe) + 1))
			.endStatus()
			.build();
	}

	private static NetworkPolicyEgressRule toPods(Map<String, String> labels,
			io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort... ports) {
		return new NetworkPolicyEgressRuleBuilder().withTo(
				new NetworkPolicyPeerBuilder().withNewPodSelector().withMatchLabels(labels).endPodSelector().build())
			.withPorts(ports)
			.build();
	}

	private static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort port(int port, String protocol) {
		return new NetworkPolicyPortBuilder().withPort(new IntOrString(port)).withProtocol(protocol).build();
	}

}
