package dev.hubguard.egress;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Somewhere a pod might connect to: a plain IP address, or a pod (with its namespace,
 * labels and named ports) at an IP address.
 *
 * @param key machine id, like "public-443"
 * @param label human text, like "A public address on 443 (HTTPS)"
 * @param ip the address literal connected to
 * @param port the port connected to
 * @param protocol TCP, UDP or SCTP
 * @param namespace the pod's namespace; null for a plain IP
 * @param podLabels the pod's labels; null for a plain IP
 * @param namespaceLabels the labels of the pod's namespace; null for a plain IP
 * @param namedPorts container port names of the pod (e.g. "dns" to 53); empty for a plain
 * IP
 */
public record Destination(String key, String label, String ip, int port, String protocol, String namespace,
		Map<String, String> podLabels, Map<String, String> namespaceLabels, Map<String, Integer> namedPorts) {

	/**
	 * The label every namespace carries with its own name (Kubernetes 1.22 and later).
	 */
	static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

	public Destination {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("A destination needs a key");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Destination " + key + ": port is 1 to 65535, not " + port);
		}
		if (ip == null) {
			throw new IllegalArgumentException("Destination " + key + " needs an IP address");
		}
		Cidr.host(ip);
		protocol = (protocol == null) ? "TCP" : protocol.toUpperCase(Locale.ROOT);
		podLabels = (podLabels != null) ? Map.copyOf(podLabels) : null;
		namespaceLabels = (namespaceLabels != null) ? Map.copyOf(namespaceLabels) : null;
		namedPorts = (namedPorts != null) ? Map.copyOf(namedPorts) : Map.of();
		if (podLabels != null && namespace == null) {
			throw new IllegalArgumentException("Destination " + key + " is a pod and needs its namespace");
		}
	}

	public static Destination address(String key, String label, String ip, int port, String protocol) {
		return new Destination(key, label, ip, port, protocol, null, null, null, Map.of());
	}

	public static Destination pod(String key, String label, String namespace, Map<String, String> podLabels, String ip,
			int port, String protocol, Map<String, Integer> namedPorts) {
		return new Destination(key, label, ip, port, protocol, namespace, podLabels,
				Map.of(NAMESPACE_NAME_LABEL, namespace), namedPorts);
	}

	/** Whether this is a pod, which pod selectors and named ports can match. */
	boolean isPod() {
		return this.podLabels != null;
	}

	Cidr hostCidr() {
		return Cidr.host(this.ip);
	}

	/**
	 * The namespace's labels, including the name label Kubernetes sets on every namespace
	 * when the caller left it out.
	 */
	Map<String, String> effectiveNamespaceLabels() {
		if (this.namespaceLabels != null && this.namespaceLabels.containsKey(NAMESPACE_NAME_LABEL)) {
			return this.namespaceLabels;
		}
		Map<String, String> labels = new HashMap<>((this.namespaceLabels != null) ? this.namespaceLabels : Map.of());
		labels.put(NAMESPACE_NAME_LABEL, this.namespace);
		return labels;
	}

}
