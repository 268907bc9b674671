package dev.hubguard.production;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One portal process started from the packaged jar, as a provider runs a replica: its own
 * JVM, port and log file, with the environment the test gives it. Public for the
 * benchmarks ({@code dev.hubguard.bench.BenchRun}).
 */
public final class Replica {

	/** A catalogue of one hub on one cluster that no API server answers for. */
	static final String ONE_HUB_CATALOGUE = """
			clusters:
			  - name: prod
			    provider: gcp
			    kubeContext: prod
			    hubs:
			      - name: staging
			        namespace: staging
			        helmRelease: staging
			        url: https://staging.example.org
			        auth: github
			        admins:
			          users: ["someone"]
			""";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private Replica(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	public static Path jar() {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(p -> p.getFileName().toString().matches("hubguard-.*\\.jar"))
				.findFirst()
				.orElseThrow()
				.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts {@code java -jar} in {@code dir} with exactly the given HUBGUARD_ and
	 * SPRING_ variables (the test's own are removed) and {@code PORT} set to a free port.
	 */
	static Replica start(String name, Path dir, Map<String, String> environment, List<String> arguments) {
		return start(name, dir, environment, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()), arguments);
	}

	/**
	 * As {@link #start(String, Path, Map, List)}, with the whole command before the
	 * arguments given (java binary, JVM flags, {@code -jar} and the jar).
	 */
	public static Replica start(String name, Path dir, Map<String, String> environment, List<String> javaCommand,
			List<String> arguments) {
		return start(name, dir, dir, environment, javaCommand, arguments);
	}

	/**
	 * As {@link #start(String, Path, Map, List, List)}, running in {@code dir} with the
	 * log in {@code logDir} (for a working directory the process may not write to).
	 */
	static Replica start(String name, Path dir, Path logDir, Map<String, String> environment, List<String> javaCommand,
			List<String> arguments) {
		int port = freePort();
		Path log = logDir.resolve(name + ".log");
		List<String> command = new java.util.ArrayList<>(javaCommand);
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().keySet().removeIf(key -> key.startsWith("HUBGUARD_") || key.startsWith("SPRING_"));
		builder.environment().putAll(environment);
		builder.environment().put("PORT", String.valueOf(port));
		builder.environment().put("HUBGUARD_PUBLIC_URL", "http://127.0.0.1:" + port);
		builder.directory(dir.toFile());
		builder.redirectErrorStream(true);
		builder.redirectOutput(log.toFile());
		try {
			return new Replica(name, port, log, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits until readiness answers 200; fails with the log when it does not. */
	public Replica awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline && process.isAlive()) {
			if (status("/actuator/health/readiness") == 200) {
				return this;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("replica " + name + " not ready within " + timeout + "; its log:\n" + log());
	}

	public int status(String path) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException notListening) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	/** Prometheus text from {@code /actuator/prometheus}, with the metrics token. */
	String metrics(String token) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The sum of a counter's samples (all label sets) on this replica; 0 when absent. */
	double counter(String token, String metric) {
		return metrics(token).lines()
			.filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	/** Whether this replica has said that it took the reconciler lock. */
	boolean becameLeader() {
		return log().contains("this replica is now the reconciler leader");
	}

	/** Kills the process at once, as a node failure or an OOM kill would. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	public void stop() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
			kill();
		}
	}

	public int port() {
		return port;
	}

	String name() {
		return name;
	}

	public String log() {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** The operating system's process id. */
	public long pid() {
		return process.pid();
	}

	public boolean alive() {
		return process.isAlive();
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
