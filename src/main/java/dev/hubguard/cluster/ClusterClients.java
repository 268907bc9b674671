package dev.hubguard.cluster;

import dev.hubguard.hub.ClusterSummary;
import dev.hubguard.hub.HubCatalogue;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import jakarta.annotation.PreDestroy;
import java.io.File;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Service;

/**
 * One fabric8 client per catalogue cluster, built at first use from the cluster's
 * kubeconfig context (or the in-cluster service account) and kept. Clients are cheap to
 * keep and expensive to build. They run on the JDK's HTTP client
 * ({@code kubernetes-httpclient-jdk}): no event loops or direct buffers of their own.
 * Their work (delivering response bodies, informer events) runs on virtual threads: with
 * a cached pool each of the hundreds of watches held a platform thread of its own while
 * its events were handled (169 threads at the bench's 100 hubs).
 */
@Service
public class ClusterClients {

	private final HubCatalogue catalogue;

	private final ClusterProperties properties;

	private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

	private final ExecutorService tasks = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("kubernetes-client-", 0).factory());

	ClusterClients(HubCatalogue catalogue, ClusterProperties properties) {
		this.catalogue = catalogue;
		this.properties = properties;
	}

	/**
	 * The client for a cluster of the catalogue, or empty for a cluster it does not list.
	 */
	public Optional<KubernetesClient> forCluster(String name) {
		return catalogue.cluster(name).map(cluster -> clients.computeIfAbsent(name, key -> build(cluster)));
	}

	private KubernetesClient build(ClusterSummary cluster) {
		Config base = cluster.inCluster() ? Config.autoConfigure(null) : fromKubeconfig(cluster.kubeContext());
		int timeout = (int) properties.requestTimeout().toMillis();
		// The reconciler retries with its own backoff; the client must not hold a pass
		// for minutes. HTTP/1.1, as the client spoke on vert.x: each watch is a
		// connection of its own, not one of many streams that an API server's stream
		// limit per connection would refuse.
		Config config = new ConfigBuilder(base).withRequestTimeout(timeout)
			.withConnectionTimeout(timeout)
			.withRequestRetryBackoffLimit(0)
			.withHttp2Disable(true)
			.build();
		return new KubernetesClientBuilder().withConfig(config)
			.withHttpClientFactory(new VirtualThreadHttpClients(tasks))
			.withTaskExecutor(tasks)
			.build();
	}

	private Config fromKubeconfig(String context) {
		String path = properties.kubeconfig();
		if (path == null || path.isBlank()) {
			return Config.autoConfigure(context);
		}
		return Config.fromKubeconfig(context, new File(path));
	}

	@PreDestroy
	void close() {
		clients.values().forEach(KubernetesClient::close);
		clients.clear();
		tasks.shutdownNow();
	}

	/** The JDK's HTTP clients, with their asynchronous work on the given executor. */
	private static final class VirtualThreadHttpClients extends JdkHttpClientFactory {

		private final ExecutorService executor;

		VirtualThreadHttpClients(ExecutorService executor) {
			this.executor = executor;
		}

		@Override
		protected java.net.http.HttpClient.Builder createNewHttpClientBuilder() {
			return java.net.http.HttpClient.newBuilder().executor(executor);
		}

	}

}
