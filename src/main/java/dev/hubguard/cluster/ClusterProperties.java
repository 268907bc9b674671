package dev.hubguard.cluster;

import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach the clusters named in the catalogue, and which of their objects are this
 * installation's.
 *
 * @param kubeconfig the kubeconfig file whose contexts the catalogue names; empty means
 * the default ({@code KUBECONFIG} or {@code ~/.kube/config})
 * @param requestTimeout how long one API call may take before the cluster counts as
 * unreachable
 * @param instance this installation's id, the value of the {@code hubguard.dev/instance}
 * label on every object it owns: give staging and production different ones when they
 * share a cluster
 * @param pruneGrace how long a hub that left the catalogue keeps its owned objects (so a
 * hub restored within it loses nothing)
 */
@Validated
@ConfigurationProperties("hubguard.clusters")
public record ClusterProperties(String kubeconfig, Duration requestTimeout,
		@Pattern(regexp = "[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?",
				message = "must be a label value: lower-case letters, digits, '-' and '.'") String instance,
		Duration pruneGrace) {

	public ClusterProperties {
		requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
		instance = instance == null || instance.isBlank() ? "default" : instance;
		pruneGrace = pruneGrace == null ? Duration.ofHours(24) : pruneGrace;
	}

}
