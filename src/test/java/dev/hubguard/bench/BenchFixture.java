package dev.hubguard.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The bench's side of {@link BenchClusters}: starts that process, waits until it has
 * written its files, and talks to it over HTTP (API servers through the kubeconfig, the
 * request count through its control URL). Closing it ends the process.
 */
final class BenchFixture implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final Process process;

	private final Path dir;

	private final Properties info;

	private BenchFixture(Process process, Path dir, Properties info) {
		this.process = process;
		this.dir = dir;
		this.info = info;
	}

	/**
	 * Starts the fixture's JVM (its output in {@code dir/../clusters.log}) and waits
	 * until it is ready.
	 */
	static BenchFixture start(Path dir, String dbUrl, int hubs, int podsPerHub) throws Exception {
		Files.createDirectories(dir);
		ProcessBuilder builder = BenchPhases.javaProcess(List.of("-Xmx4g", "-XX:+UseParallelGC"),
				BenchClusters.class.getName(), dir.toString(), dbUrl, String.valueOf(hubs), String.valueOf(podsPerHub));
		Path log = dir.resolveSibling("clusters.log");
		Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		Path file = dir.resolve(BenchClusters.INFO);
		long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
		while (!Files.exists(file)) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new IllegalStateException("the clusters' process did not start; its log " + log + ":\n"
						+ Files.readString(log).lines().limit(40).reduce("", (a, b) -> a + b + "\n"));
			}
			Thread.sleep(200);
		}
		Properties info = new Properties();
		info.load(new StringReader(Files.readString(file)));
		return new BenchFixture(process, dir, info);
	}

	Path dir() {
		return dir;
	}

	String signInBaseUrl() {
		return info.getProperty("signIn");
	}

	/**
	 * A client for one of the fixture's clusters that waits this long for an answer; the
	 * caller closes it.
	 */
	KubernetesClient client(String cluster, Duration requestTimeout) throws IOException {
		Config config = Config.fromKubeconfig(cluster, Files.readString(dir.resolve("kubeconfig")), null);
		config.setRequestTimeout((int) requestTimeout.toMillis());
		return new KubernetesClientBuilder().withConfig(config).build();
	}

	/** API requests the clusters served so far, watches left out. */
	long requests() throws Exception {
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create(info.getProperty("control") + "/requests"))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		return Long.parseLong(response.body().trim());
	}

	long pid() {
		return process.pid();
	}

	@Override
	public void close() {
		try {
			process.getOutputStream().close();
			if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (Exception ex) {
			process.destroyForcibly();
		}
	}

}
