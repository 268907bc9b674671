package dev.hubguard.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * In demo mode, when {@code prometheus} and {@code promtool} are on the PATH: a real
 * Prometheus on a free loopback port, serving a TSDB built for the demo's user servers
 * (seven hours of memory and CPU, with their limits as kube-state-metrics reports them),
 * so the report pages draw real charts. Stopped with the demo; a Prometheus left behind
 * by a killed demo is stopped at the next start (by the process id it wrote).
 */
final class DemoPrometheus {

	static final long GIB = 1024L * 1024 * 1024;

	private final Process process;

	private final int port;

	private DemoPrometheus(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	String url() {
		return "http://127.0.0.1:" + port;
	}

	void stop() {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Empty when Prometheus is not installed or did not start (the reason is printed).
	 */
	static Optional<DemoPrometheus> start(Path demoDir) {
		if (!onPath("prometheus") || !onPath("promtool")) {
			return Optional.empty();
		}
		Path dir = demoDir.resolve("prometheus").toAbsolutePath();
		try {
			stopLeftover(dir.resolve("pid"));
			deleteTree(dir);
			Files.createDirectories(dir);
			Files.writeString(dir.resolve("metrics.om"), metrics(Instant.now().getEpochSecond()));
			Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n");
			run(new ProcessBuilder("promtool", "tsdb", "create-blocks-from", "openmetrics",
					dir.resolve("metrics.om").toString(), dir.resolve("data").toString()));
			int port = freePort();
			Process process = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
					"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("prometheus.log").toFile())
				.start();
			Files.writeString(dir.resolve("pid"), String.valueOf(process.pid()));
			DemoPrometheus started = new DemoPrometheus(process, port);
			if (!ready(port)) {
				started.stop();
				System.out.println("Hubguard demo: Prometheus did not start (see " + dir.resolve("prometheus.log")
						+ "); report pages show no usage charts.");
				return Optional.empty();
			}
			return Optional.of(started);
		}
		catch (IOException | IllegalStateException ex) {
			System.out.println("Hubguard demo: no usage charts, Prometheus could not start: " + ex.getMessage());
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/**
	 * Samples every minute for the last seven hours for each running demo user: memory
	 * climbing towards a 4 GiB limit (the users alerts name come close), CPU at a steady
	 * share of a 2-core limit.
	 */
	static String metrics(long now) {
		StringBuilder memory = new StringBuilder("# TYPE container_memory_working_set_bytes gauge\n");
		StringBuilder cpu = new StringBuilder("# TYPE container_cpu_usage_seconds counter\n");
		StringBuilder limits = new StringBuilder("# TYPE kube_pod_container_resource_limits gauge\n");
		int minutes = 7 * 60;
		for (DemoHubs.DemoCluster cluster : DemoHubs.clusters()) {
			for (DemoHubs.DemoHub hub : cluster.hubs()) {
				for (String user : hub.runningUsers()) {
					String pod = "jupyter-" + Z2jhObjects.escape(user);
					String labels = "namespace=\"" + hub.name() + "\",pod=\"" + pod + "\",container=\"notebook\"";
					int seed = Math.abs(pod.hashCode());
					boolean heavy = seed % 3 == 0 || pod.contains("student2") || pod.contains("neuro")
							|| pod.contains("glacier");
					double cores = heavy ? 1.9 : 0.2 + (seed % 5) / 10.0;
					for (int i = 0; i <= minutes; i++) {
						long at = now - (minutes - i) * 60L;
						double share = heavy ? 0.35 + 0.62 * i / minutes : 0.15 + 0.05 * Math.sin(i / 20.0 + seed);
						memory.append("container_memory_working_set_bytes{")
							.append(labels)
							.append("} ")
							.append((long) (4 * GIB * share))
							.append(' ')
							.append(at)
							.append('\n');
						cpu.append("container_cpu_usage_seconds_total{")
							.append(labels)
							.append("} ")
							.append(String.format(java.util.Locale.ROOT, "%.1f", i * 60 * cores))
							.append(' ')
							.append(at)
							.append('\n');
						if (i % 5 == 0) {
							limits.append("kube_pod_container_resource_limits{")
								.append(labels)
								.append(",resource=\"memory\",unit=\"byte\"} ")
								.append(4 * GIB)
								.append(' ')
								.append(at)
								.append('\n');
							limits.append("kube_pod_container_resource_limits{")
								.append(labels)
								.append(",resource=\"cpu\",unit=\"core\"} 2 ")
								.append(at)
								.append('\n');
						}
					}
				}
			}
		}
		return memory.append(cpu).append(limits).append("# EOF\n").toString();
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String dir : path.split(java.io.File.pathSeparator)) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A Prometheus this demo started before and that outlived it (the JVM was killed).
	 */
	private static void stopLeftover(Path pidFile) throws IOException {
		if (!Files.exists(pidFile)) {
			return;
		}
		try {
			long pid = Long.parseLong(Files.readString(pidFile).strip());
			ProcessHandle.of(pid)
				.filter(p -> p.info().command().map(c -> c.endsWith("prometheus")).orElse(false))
				.ifPresent(ProcessHandle::destroy);
		}
		catch (NumberFormatException ignored) {
			// not ours
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static boolean ready(int port) throws InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			for (int i = 0; i < 150; i++) {
				try {
					if (client
						.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
								HttpResponse.BodyHandlers.discarding())
						.statusCode() == 200) {
						return true;
					}
				}
				catch (IOException notYet) {
					// still starting
				}
				Thread.sleep(100);
			}
		}
		return false;
	}

	private static void run(ProcessBuilder command) throws IOException, InterruptedException {
		Process process = command.redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command.command()) + " failed: " + output);
		}
	}

}
