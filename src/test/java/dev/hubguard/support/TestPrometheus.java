package dev.hubguard.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's package) on 127.0.0.1:19090, as
 * {@code application-test.yml} configures, with a TSDB built by {@code promtool} from
 * samples the test chooses. Started once per JVM, stopped at exit.
 */
public final class TestPrometheus {

	public static final int PORT = 19090;

	/**
	 * The pod's memory limit as kube-state-metrics reports it: 4 GiB (its CPU limit is
	 * 2).
	 */
	public static final long MEMORY_LIMIT = 4L * 1024 * 1024 * 1024;

	private static Process running;

	private TestPrometheus() {
	}

	/**
	 * Starts Prometheus holding two hours of a pod's memory (rising by 10 MB a minute
	 * from 1 GB), CPU (a counter growing by 1.5 core-seconds a second) and limits.
	 */
	public static synchronized void startWith(String namespace, String pod) throws Exception {
		if (running != null) {
			return;
		}
		Path dir = Files.createTempDirectory("hubguard-prometheus");
		long now = Instant.now().getEpochSecond();
		StringBuilder metrics = new StringBuilder("# TYPE container_memory_working_set_bytes gauge\n");
		String labels = "{namespace=\"" + namespace + "\",pod=\"" + pod + "\",container=\"notebook\"}";
		for (int i = 0; i < 120; i++) {
			metrics.append("container_memory_working_set_bytes")
				.append(labels)
				.append(' ')
				.append(1_000_000_000L + i * 10_000_000L)
				.append(' ')
				.append(now - 7200 + i * 60)
				.append('\n');
		}
		metrics.append("# TYPE container_cpu_usage_seconds counter\n");
		for (int i = 0; i < 120; i++) {
			metrics.append("container_cpu_usage_seconds_total")
				.append(labels)
				.append(' ')
				.append(i * 90)
				.append(' ')
				.append(now - 7200 + i * 60)
				.append('\n');
		}
		metrics.append("# TYPE kube_pod_container_resource_limits gauge\n");
		String limits = "{namespace=\"" + namespace + "\",pod=\"" + pod + "\",container=\"notebook\",resource=";
		for (int i = 0; i < 120; i += 5) {
			metrics.append("kube_pod_container_resource_limits")
				.append(limits)
				.append("\"memory\",unit=\"byte\"} ")
				.append(MEMORY_LIMIT)
				.append(' ')
				.append(now - 7200 + i * 60)
				.append('\n');
			metrics.append("kube_pod_container_resource_limits")
				.append(limits)
				.append("\"cpu\",unit=\"core\"} 2 ")
				.append(now - 7200 + i * 60)
				.append('\n');
		}
		metrics.append("# EOF\n");
		Files.writeString(dir.resolve("metrics.om"), metrics);
		Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n");
		run(new ProcessBuilder("promtool", "tsdb", "create-blocks-from", "openmetrics",
				dir.resolve("metrics.om").toString(), dir.resolve("data").toString()));
		running = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
				"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + PORT)
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("prometheus.log").toFile())
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(running::destroy));
		waitUntilReady();
	}

	private static void waitUntilReady() throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			for (int i = 0; i < 100; i++) {
				try {
					if (client
						.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/-/ready")).build(),
								HttpResponse.BodyHandlers.discarding())
						.statusCode() == 200) {
						return;
					}
				}
				catch (IOException notYet) {
					// still starting
				}
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("Prometheus did not become ready on port " + PORT);
	}

	private static void run(ProcessBuilder command) throws Exception {
		Process process = command.redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command.command()) + " failed: " + output);
		}
	}

}
