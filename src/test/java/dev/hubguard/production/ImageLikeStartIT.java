package dev.hubguard.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar run the way the image runs it (Dockerfile): extracted, with Spring AOT
 * on, as a non-root user (uid 65534 when the tests run as root, else the current user),
 * from a directory nobody may write to, with only {@code java.io.tmpdir} writable. It
 * becomes ready, serves the sign-in page and readiness, and writes nothing beside the
 * jar.
 */
class ImageLikeStartIT {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void extractedJarWithSpringAotStartsAsNonRootFromAReadOnlyDirectoryWritingOnlyToTmp() throws Exception {
		String database = "hubguard_image_like";
		try (var admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
			admin.createStatement().execute("drop database if exists " + database + " with (force)");
			admin.createStatement().execute("create database " + database);
		}
		Path root = Files.createTempDirectory("hubguard-image");
		Path app = root.resolve("app");
		Path config = root.resolve("config");
		Path tmp = root.resolve("tmp");
		Path logs = Files.createDirectories(root.resolve("logs"));
		Files.createDirectories(config);
		Files.createDirectories(tmp);
		java.lang.Process extract = new ProcessBuilder(javaBinary(), "-Djarmode=tools", "-jar",
				Replica.jar().toString(), "extract", "--destination", app.toString())
			.inheritIO()
			.start();
		assertThat(extract.waitFor()).as("jarmode tools extract").isZero();
		Path jar = app.resolve(Replica.jar().getFileName());
		assertThat(jar).exists();
		assertThat(app.resolve("lib")).isDirectory();
		Files.writeString(config.resolve("clusters.yaml"), Replica.ONE_HUB_CATALOGUE);
		// Readable by all and writable by none, as the image's /app (root's files) and a
		// read-only root file system; tmp alone is writable (an emptyDir in Kubernetes).
		readOnly(app);
		readOnly(config);
		chmod(root, "r-xr-xr-x");
		chmod(tmp, "rwxrwxrwx");
		List<String> before = files(app);

		boolean asRoot = "root".equals(System.getProperty("user.name"));
		List<String> command = new ArrayList<>();
		if (asRoot) {
			assertThat(Path.of("/usr/bin/setpriv")).as("setpriv (util-linux) to drop root for this test").exists();
			command.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
		}
		command.addAll(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx410m",
				"-XX:-UsePerfData", "-Dspring.aot.enabled=true", "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString()));
		Map<String, String> environment = Map.of("SPRING_DATASOURCE_URL",
				"jdbc:postgresql://127.0.0.1:5432/" + database, "SPRING_DATASOURCE_USERNAME", "postgres",
				"HUBGUARD_GITHUB_CLIENT_ID", "image-check", "HUBGUARD_GITHUB_CLIENT_SECRET", "not-used",
				"HUBGUARD_CATALOGUE", config.resolve("clusters.yaml").toString(), "HUBGUARD_BIND_ADDRESS", "127.0.0.1",
				"HUBGUARD_LOG_FORMAT", "", "HUBGUARD_KEKS",
				"image-1:" + Base64.getEncoder().encodeToString(new byte[32]));
		Replica replica = Replica.start("image-like", app, logs, environment, command, List.of());
		try {
			replica.awaitReady(Duration.ofSeconds(180));
			String uid = Files.readAllLines(Path.of("/proc/" + replica.pid() + "/status"))
				.stream()
				.filter(line -> line.startsWith("Uid:"))
				.findFirst()
				.orElseThrow()
				.split("\\s+")[1];
			if (asRoot) {
				assertThat(uid).as("the portal's uid").isEqualTo("65534");
			}
			else {
				assertThat(uid).as("the portal's uid").isNotEqualTo("0");
			}
			assertThat(replica.log()).contains("Starting AOT-processed");

			HttpResponse<String> readiness = get(replica, "/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"UP\"");
			HttpResponse<String> login = get(replica, "/login");
			assertThat(login.statusCode()).as("the sign-in page; log: %s", replica.log()).isEqualTo(200);
			assertThat(login.body()).contains("Sign in to Hubguard").contains("signin-github");

			assertThat(files(app)).as("nothing written beside the jar").isEqualTo(before);
			try (Stream<Path> written = Files.list(tmp)) {
				assertThat(written.toList()).as("Tomcat's work directory in java.io.tmpdir").isNotEmpty();
			}
			assertThat(replica.log()).doesNotContain("Read-only file system").doesNotContain("Permission denied");
		}
		finally {
			replica.stop();
			chmod(root, "rwxr-xr-x");
		}
	}

	private static HttpResponse<String> get(Replica replica, String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void readOnly(Path dir) throws IOException {
		try (Stream<Path> all = Files.walk(dir)) {
			for (Path path : all.toList()) {
				chmod(path, Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--");
			}
		}
	}

	private static void chmod(Path path, String permissions) throws IOException {
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
	}

	private static List<String> files(Path dir) throws IOException {
		try (Stream<Path> all = Files.walk(dir)) {
			return all.map(dir::relativize).map(Path::toString).sorted().toList();
		}
	}

}
