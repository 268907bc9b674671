package dev.hubguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Objects loaded straight into the store are listed as if they had been created. */
class DemoPreloadTest {

	@Test
	void preloadedPodsAreListedBySelector() throws Exception {
		try (InMemoryCluster cluster = InMemoryCluster.start("preload-test")) {
			DemoPreload.preload(cluster, List.of(Z2jhObjects.namespace("ns"), Z2jhObjects.userPod("ns", "ada"),
					Z2jhObjects.userPod("ns", "bo")));
			try (KubernetesClient client = cluster.client()) {
				assertThat(client.pods().inAnyNamespace().withLabel("component", "singleuser-server").list().getItems())
					.hasSize(2);
				assertThat(client.pods().inNamespace("ns").withName("jupyter-ada").get()).isNotNull();
			}
		}
	}

}
