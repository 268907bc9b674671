package dev.hubguard.isolation;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The active network probe, off unless a cluster is named: creating pods in a hub's
 * namespace is a strong permission, granted by the separate, optional Role in
 * {@code deploy/cluster-access}.
 *
 * @param clusters the clusters where Hubguard may run probe pods
 * @param image the probe's image: one with busybox {@code nc} that the cluster already
 * pulls, by default the chart's {@code singleuser.networkTools.image}
 * @param publicAddress a public web address as {@code ip:port}
 * @param interval how often each hub of those clusters is probed
 * @param deadline the probe pod's {@code activeDeadlineSeconds}; Hubguard waits this long
 * plus a little for it to finish
 */
@ConfigurationProperties("hubguard.isolation.probe")
public record ProbeProperties(Set<String> clusters, String image, String publicAddress, Duration interval,
		Duration deadline) {

	public ProbeProperties {
		clusters = clusters == null ? Set.of() : Set.copyOf(clusters);
		image = image == null || image.isBlank() ? "quay.io/jupyterhub/k8s-network-tools:4.4.0" : image;
		publicAddress = publicAddress == null || publicAddress.isBlank() ? "1.1.1.1:443" : publicAddress;
		interval = interval == null ? Duration.ofHours(24) : interval;
		deadline = deadline == null ? Duration.ofSeconds(60) : deadline;
	}

	public boolean enabled(String cluster) {
		return clusters.contains(cluster);
	}

}
