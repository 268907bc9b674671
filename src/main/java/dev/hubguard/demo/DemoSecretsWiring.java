package dev.hubguard.demo;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Gives the demo's {@code 2i2c/mtu} the one-time secrets configuration (envFrom of
 * {@code hubguard-user-env}, the {@code hubguard-user-files} volume) in its running user
 * pods, plus a variable its chart sets in {@code singleuser.extraEnv}
 * ({@code EARTHDATA_USERNAME}), so the secrets page shows a wired hub with a shadowed
 * name. {@code hhmi/spyglass} stays unwired.
 */
final class DemoSecretsWiring {

	static final String CLUSTER = "2i2c";

	static final String HUB = "mtu";

	static final String CHART_VARIABLE = "EARTHDATA_USERNAME";

	private DemoSecretsWiring() {
	}

	static void wire(KubernetesClient client, DemoHubs.DemoCluster cluster) {
		if (!cluster.name().equals(CLUSTER)) {
			return;
		}
		for (Pod pod : client.pods().inNamespace(HUB).withLabel("component", "singleuser-server").list().getItems()) {
			client.pods().inNamespace(HUB).resource(wired(pod)).update();
		}
	}

	static Pod wired(Pod pod) {
		return new PodBuilder(pod).editSpec()
			.addNewVolume()
			.withName("hubguard-user-files")
			.withNewSecret()
			.withSecretName("hubguard-user-files")
			.withOptional(true)
			.endSecret()
			.endVolume()
			.editFirstContainer()
			.addNewEnvFrom()
			.withNewSecretRef()
			.withName("hubguard-user-env")
			.withOptional(true)
			.endSecretRef()
			.endEnvFrom()
			.addToEnv(new EnvVar(CHART_VARIABLE, "mtu-shared-account", null))
			.addNewVolumeMount()
			.withName("hubguard-user-files")
			.withMountPath("/etc/hubguard/secrets")
			.withReadOnly(true)
			.endVolumeMount()
			.endContainer()
			.endSpec()
			.build();
	}

}
