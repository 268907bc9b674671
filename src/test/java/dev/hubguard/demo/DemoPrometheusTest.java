package dev.hubguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The demo's Prometheus serves the demo users' usage and limits, and is gone once the
 * demo stops it.
 */
class DemoPrometheusTest {

	@Test
	void servesTheDemoUsersMemoryAndLimitsUntilStopped() throws Exception {
		Path dir = Files.createTempDirectory("hubguard-demo-prometheus");
		DemoPrometheus prometheus = DemoPrometheus.start(dir).orElseThrow();
		long pid = Long.parseLong(Files.readString(dir.resolve("prometheus/pid")).strip());
		try (HttpClient http = HttpClient.newHttpClient()) {
			String query = URLEncoder
				.encode("kube_pod_container_resource_limits{namespace=\"mtu\",pod=\"jupyter-student2-40mtu-2eexample\","
						+ "resource=\"memory\"}", StandardCharsets.UTF_8);
			String answer = http
				.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/api/v1/query?query=" + query)).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(answer).contains("\"status\":\"success\"").contains(String.valueOf(4 * DemoPrometheus.GIB));
		}
		finally {
			prometheus.stop();
		}
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("stopped").isFalse();
	}

}
