package dev.hubguard.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach the clusters named in the catalogue.
 *
 * @param kubeconfig the kubeconfig file whose contexts the catalogue names; empty means
 * the default ({@code KUBECONFIG} or {@code ~/.kube/config})
 * @param requestTimeout how long one API call may take before the cluster counts as
 * unreachable
 */
@Validated
@ConfigurationProperties("hubguard.clusters")
public record ClusterProperties(String kubeconfig, Duration requestTimeout) {

	public ClusterProperties {
		requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
	}

}
