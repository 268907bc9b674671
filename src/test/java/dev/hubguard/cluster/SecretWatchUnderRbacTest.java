package dev.hubguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.secrets.SecretWatches;
import dev.hubguard.support.Eventually;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With deploy/cluster-access's roles Hubguard may read Secrets in hub namespaces only: an
 * in-memory API server that refuses (403) Secrets anywhere else, as RBAC does, still
 * gives the cache and the reconciler's watch everything they need, and the requests the
 * client made (as the server recorded them) touch Secrets in hub namespaces only, one
 * watch per namespace following the catalogue.
 */
class SecretWatchUnderRbacTest {

	static final Duration SOON = Duration.ofSeconds(20);

	InMemoryCluster cluster;

	KubernetesClient client;

	ClusterCache cache;

	final Map<String, Set<String>> hubNamespaces = new ConcurrentHashMap<>();

	@BeforeEach
	void seed() {
		cluster = InMemoryCluster.start("rbac-test");
		client = cluster.client();
		for (String namespace : List.of("mtu", "staging", "kube-system")) {
			client.namespaces()
				.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
				.create();
			client.secrets().resource(owned(namespace)).create();
		}
		// What RBAC allows: Secrets in the hub namespaces mtu and staging, nowhere else.
		cluster.forbid(request -> request.contains("/secrets") && !request.contains("/namespaces/mtu/")
				&& !request.contains("/namespaces/staging/"));
		cluster.takeRequests();
		hubNamespaces.put("rbac-test", Set.of("mtu"));
	}

	@AfterEach
	void stop() {
		if (cache != null) {
			cache.close();
		}
		client.close();
		cluster.stop();
	}

	static Secret owned(String namespace) {
		return new SecretBuilder().withNewMetadata()
			.withName("hubguard-user-env")
			.withNamespace(namespace)
			.addToLabels(Ownership.MANAGED_BY, Ownership.FIELD_MANAGER)
			.addToLabels(Ownership.INSTANCE, "default")
			.endMetadata()
			.addToData("KEY", "dmFsdWU=")
			.build();
	}

	@Test
	void theCacheWatchesSecretsInEachHubNamespaceOnlyAndFollowsTheCatalogue() {
		cache = TestCaches.cache("rbac-test", client, Set.of("mtu"));
		cache.start();
		Eventually.within(SOON, "the cache synced under RBAC",
				() -> cache.state().status() == CacheState.Status.SYNCED);
		assertThat(cache.list(SecretWatches.OWNED, "mtu")).hasSize(1);
		assertThat(cache.list(SecretWatches.OWNED, "kube-system")).isEmpty();

		cache.watchHubNamespaces(Set.of("mtu", "staging"));
		Eventually.within(SOON, "the new hub's Secrets seen",
				() -> cache.list(SecretWatches.OWNED, "staging").size() == 1);
		Eventually.within(SOON, "synced again", () -> cache.state().status() == CacheState.Status.SYNCED);

		cache.watchHubNamespaces(Set.of("staging"));
		assertThat(cache.list(SecretWatches.OWNED, "mtu")).as("a namespace whose hub left is no longer watched")
			.isEmpty();

		List<String> secretRequests = secretRequests();
		assertThat(secretRequests).isNotEmpty()
			.allSatisfy(request -> assertThat(request).matches("GET /api/v1/namespaces/(mtu|staging)/secrets\\?.*"));
		assertThat(secretRequests).anySatisfy(request -> assertThat(request).contains("/namespaces/mtu/"))
			.anySatisfy(request -> assertThat(request).contains("/namespaces/staging/"))
			.anySatisfy(request -> assertThat(request).contains("watch=true"));
	}

	@Test
	void theReconcilerReadsTheSameStoreOneSecretWatchPerHubNamespace() {
		List<String> signals = new java.util.concurrent.CopyOnWriteArrayList<>();
		cache = TestCaches.cache("rbac-test", client, Set.of("mtu", "staging"),
				(name, namespace) -> signals.add(namespace));
		cache.start();
		Eventually.within(SOON, "both namespaces synced",
				() -> cache.owned(Secret.class, "mtu").isPresent() && cache.owned(Secret.class, "staging").isPresent());
		assertThat(cache.owned(Secret.class, "mtu").orElseThrow()).hasSize(1);
		assertThat(cache.cached(Secret.class, "staging", "hubguard-user-env").orElseThrow()).isPresent();
		assertThat(signals).as("the reconciler is told of its Secrets").contains("mtu", "staging");

		cache.watchHubNamespaces(Set.of("mtu"));
		assertThat(cache.owned(Secret.class, "staging")).as("staging's hub left: its watch stopped").isEmpty();
		assertThat(cache.owned(Secret.class, "mtu")).isPresent();

		List<String> watches = secretRequests().stream().filter(request -> request.contains("watch=true")).toList();
		assertThat(watches).as("one Secret watch per hub namespace, shared by every reader")
			.hasSize(2)
			.anySatisfy(request -> assertThat(request).contains("/namespaces/mtu/"))
			.anySatisfy(request -> assertThat(request).contains("/namespaces/staging/"));
	}

	private List<String> secretRequests() {
		return cluster.takeRequests().stream().filter(request -> request.contains("secrets")).toList();
	}

}
