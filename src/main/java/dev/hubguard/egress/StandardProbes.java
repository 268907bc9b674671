package dev.hubguard.egress;

import java.util.List;
import java.util.Map;

/**
 * The destinations Hubguard checks for every hub: the public internet on HTTPS and SSH,
 * the cloud metadata server, a private address, cluster DNS and the hub pod.
 */
public final class StandardProbes {

	private StandardProbes() {
	}

	public static List<Destination> forHub(String namespace, String release) {
		return List.of(Destination.address("public-443", "A public address on 443 (HTTPS)", "1.1.1.1", 443, "TCP"),
				Destination.address("public-22", "A public address on 22 (SSH)", "1.1.1.1", 22, "TCP"),
				Destination.address("cloud-metadata", "The cloud metadata server", "169.254.169.254", 80, "TCP"),
				Destination.address("private", "A private address (10.128.0.20)", "10.128.0.20", 443, "TCP"),
				Destination.pod("dns", "Cluster DNS in kube-system", "kube-system", Map.of("k8s-app", "kube-dns"),
						"10.0.0.10", 53, "UDP", Map.of("dns", 53, "dns-tcp", 53)),
				Destination.pod("hub", "The hub pod", namespace,
						Map.of("app", "jupyterhub", "component", "hub", "release", release), "10.0.3.7", 8081, "TCP",
						Map.of("http", 8081)));
	}

	/**
	 * The labels the Zero to JupyterHub chart gives user server pods.
	 */
	public static Map<String, String> singleuserPodLabels(String release) {
		return Map.of("app", "jupyterhub", "component", "singleuser-server", "release", release);
	}

}
