package dev.hubguard.demo;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Queue;

/**
 * An in-memory Kubernetes API server (fabric8's, in CRUD mode) on 127.0.0.1, spoken to
 * over HTTP by the real client. Used by demo mode and by tests; stopping it is how a test
 * takes a cluster down.
 */
public final class InMemoryCluster implements AutoCloseable {

	private final String name;

	private final KubernetesMockServer server;

	private final ApplyAwareDispatcher dispatcher;

	private int port;

	private InMemoryCluster(String name) {
		this.name = name;
		Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
		this.dispatcher = new ApplyAwareDispatcher(responses);
		this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
				dispatcher, false);
	}

	/** Starts a cluster on a free port of 127.0.0.1. */
	public static InMemoryCluster start(String name) {
		return start(name, 0);
	}

	public static InMemoryCluster start(String name, int port) {
		InMemoryCluster cluster = new InMemoryCluster(name);
		cluster.listen(port);
		return cluster;
	}

	private void listen(int wanted) {
		try {
			server.start(InetAddress.getByName("127.0.0.1"), wanted);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		port = server.getPort();
	}

	/**
	 * Simulates an outage: while down, every API call gets 503; the stored objects are
	 * kept for afterwards.
	 */
	public void outage(boolean down) {
		dispatcher.unavailable(down);
	}

	/**
	 * Closes every open watch connection, as an API server that restarts or a load
	 * balancer that drops idle connections; while {@code refuse} is set, new watches get
	 * 503 (lists and writes still work), so clients stay cut off from events.
	 */
	public void dropWatches(boolean refuse) {
		dispatcher.dropWatches(refuse);
	}

	/**
	 * Stops answering, like an API server that went away; the stored objects are lost.
	 */
	public void stop() {
		server.shutdown();
	}

	public String name() {
		return name;
	}

	public int port() {
		return port;
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	/** A new client for this cluster; the caller closes it. */
	public KubernetesClient client() {
		return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(name, kubeconfigEntry(), null)).build();
	}

	/**
	 * A client that waits this long for an answer: this server's event loop can stall for
	 * about ten seconds when a watch closes while an event is being sent to it.
	 */
	public KubernetesClient client(java.time.Duration requestTimeout) {
		Config config = Config.fromKubeconfig(name, kubeconfigEntry(), null);
		config.setRequestTimeout((int) requestTimeout.toMillis());
		return new KubernetesClientBuilder().withConfig(config).build();
	}

	/**
	 * How many API requests (watches left out) whose "METHOD path" matches were served
	 * since the cluster started: lets tests and benchmarks prove what reads hit the
	 * cache.
	 */
	public long requests(java.util.function.Predicate<String> methodAndPath) {
		return dispatcher.requests(methodAndPath);
	}

	/**
	 * Refuses with 403, as RBAC would, every request whose "METHOD path" (without the
	 * query) matches.
	 */
	public void forbid(java.util.function.Predicate<String> methodAndPath) {
		dispatcher.forbid(methodAndPath);
	}

	/**
	 * "METHOD path?query" of every request the server received since the last call
	 * (watches and refused ones included), oldest first.
	 */
	public List<String> takeRequests() {
		List<String> taken = new ArrayList<>();
		try {
			for (RecordedRequest request = server.takeRequest(0,
					TimeUnit.MILLISECONDS); request != null; request = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
				taken.add(request.getMethod() + " " + request.getPath());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return taken;
	}

	/** Every API request served (watches left out). */
	public long requests() {
		return dispatcher.requests(any -> true);
	}

	/** Makes {@code text} the log of a pod's container, as the kubelet would serve it. */
	public void appendLog(String namespace, String pod, String container, String text) {
		dispatcher.appendLog(namespace, pod, container, false, text);
	}

	/**
	 * Makes {@code text} the log of the container's previous instance (before its last
	 * restart).
	 */
	public void appendPreviousLog(String namespace, String pod, String container, String text) {
		dispatcher.appendLog(namespace, pod, container, true, text);
	}

	/** A kubeconfig with just this cluster, its context named after it. */
	public String kubeconfigEntry() {
		return Kubeconfig.of(Map.of(name, url()));
	}

	@Override
	public void close() {
		stop();
	}

}
