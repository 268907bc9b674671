package dev.hubguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.egress.EgressWatches;
import dev.hubguard.secrets.SecretWatches;
import dev.hubguard.support.Eventually;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared read cache of one cluster, over HTTP against an in-memory API server of its
 * own: reads cost no API request, pods are kept without env values, only Hubguard's
 * Secrets are seen, and a cluster that goes away is reported with the age of its data.
 */
class ClusterCacheTest {

	InMemoryCluster cluster;

	KubernetesClient client;

	ClusterCache cache;

	@BeforeEach
	void seed() {
		cluster = InMemoryCluster.start("cache-test");
		client = cluster.client();
		client.namespaces()
			.resource(new NamespaceBuilder().withNewMetadata().withName("mtu").endMetadata().build())
			.create();
		client.pods().resource(userPod("jupyter-ada", "ada")).create();
		client.pods()
			.resource(new PodBuilder().withNewMetadata()
				.withName("hub-abc")
				.withNamespace("mtu")
				.addToLabels("component", "hub")
				.endMetadata()
				.build())
			.create();
		client.secrets()
			.resource(new SecretBuilder().withNewMetadata()
				.withName("hubguard-user-env")
				.withNamespace("mtu")
				.addToLabels(Ownership.MANAGED_BY, "hubguard")
				.addToLabels(Ownership.INSTANCE, "default")
				.endMetadata()
				.addToData("KEY", "dmFsdWU=")
				.build())
			.create();
		client.secrets()
			.resource(new SecretBuilder().withNewMetadata()
				.withName("hub")
				.withNamespace("mtu")
				.endMetadata()
				.addToData("hub.config.ConfigurableHTTPProxy.auth_token", "c2VjcmV0")
				.build())
			.create();
		client.network()
			.v1()
			.networkPolicies()
			.resource(new NetworkPolicyBuilder().withNewMetadata()
				.withName("singleuser")
				.withNamespace("mtu")
				.endMetadata()
				.withNewSpec()
				.endSpec()
				.build())
			.create();
		cache = TestCaches.cache("cache-test", client, Set.of("mtu"));
		cache.start();
		Eventually.within(Duration.ofSeconds(20), "the cache synced",
				() -> cache.state().status() == CacheState.Status.SYNCED);
	}

	@AfterEach
	void stop() {
		cache.close();
		client.close();
		cluster.stop();
	}

	static Pod userPod(String name, String username) {
		return new PodBuilder().withNewMetadata()
			.withName(name)
			.withNamespace("mtu")
			.addToLabels("component", "singleuser-server")
			.addToAnnotations("hub.jupyter.org/username", username)
			.addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"big\":\"blob\"}")
			.endMetadata()
			.withNewSpec()
			.withNodeName("node-1")
			.addNewContainer()
			.withName("notebook")
			.withImage("quay.io/jupyter/base-notebook")
			.addNewEnv()
			.withName("EARTHDATA_PASSWORD")
			.withValue("hunter2")
			.endEnv()
			.endContainer()
			.endSpec()
			.build();
	}

	@Test
	void userPodsAreCachedReducedWithoutEnvironmentValues() {
		assertThat(cache.userPods("mtu")).extracting(pod -> pod.getMetadata().getName()).containsExactly("jupyter-ada");
		Pod pod = cache.userPod("mtu", "jupyter-ada").orElseThrow();
		assertThat(pod.getMetadata().getAnnotations()).containsEntry("hub.jupyter.org/username", "ada")
			.doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
		assertThat(pod.getSpec().getNodeName()).isEqualTo("node-1");
		assertThat(pod.getSpec().getContainers().get(0).getEnv()).singleElement().satisfies(env -> {
			assertThat(env.getName()).isEqualTo("EARTHDATA_PASSWORD");
			assertThat(env.getValue()).isNull();
		});
	}

	@Test
	void onlyHubguardsOwnSecretsAreCached() {
		assertThat(cache.list(SecretWatches.OWNED, "mtu"))
			.extracting(secret -> ((io.fabric8.kubernetes.api.model.HasMetadata) secret).getMetadata().getName())
			.containsExactly("hubguard-user-env");
	}

	@Test
	void readsMakeNoApiRequestsAndChangesArriveByWatch() {
		long before = cluster.requests();
		for (int i = 0; i < 1000; i++) {
			assertThat(cache.list(EgressWatches.POLICIES, "mtu")).hasSize(1);
			assertThat(cache.userPods("mtu")).hasSize(1);
		}
		assertThat(cluster.requests()).isEqualTo(before);

		client.pods().resource(userPod("jupyter-bo", "bo")).create();

		Eventually.within(Duration.ofSeconds(10), "the new pod seen", () -> cache.userPods("mtu").size() == 2);
	}

	@Test
	void aClusterThatGoesAwayIsReportedWithTheAgeOfItsData() {
		assertThat(cache.state().dataFrom()).isNotNull();

		cluster.stop();

		Eventually.within(Duration.ofSeconds(30), "the cache reports the cluster unreachable",
				() -> cache.state().status() == CacheState.Status.UNREACHABLE);
		assertThat(cache.state().dataFrom()).isNotNull();
		assertThat(cache.userPods("mtu")).as("the last known data is kept").hasSize(1);
	}

}
