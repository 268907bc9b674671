package dev.hubguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Dockerfile and docker-compose.yml, read as files (no Docker engine runs in CI).
 */
class ContainerImageTest {

	@Test
	void imageBuildsTheProductionJarAndRunsItAsANumericNonRootUser() throws IOException {
		List<String> instructions = instructions(Files.readString(Path.of("Dockerfile")));
		int lastStage = 0;
		for (int i = 0; i < instructions.size(); i++) {
			if (instructions.get(i).startsWith("FROM ")) {
				lastStage = i;
			}
		}
		List<String> build = instructions.subList(0, lastStage);
		List<String> runtime = instructions.subList(lastStage, instructions.size());
		assertThat(build).anyMatch(line -> line.startsWith("RUN ./mvnw") && line.contains(" package"))
			.noneMatch(
					line -> line.matches(".*(-P|--activate-profiles)\\s*\\S*demo.*") || line.contains("HUBGUARD_DEMO"));
		List<String> users = runtime.stream().filter(line -> line.startsWith("USER ")).toList();
		assertThat(users).singleElement().satisfies(user -> {
			String uid = user.substring(5).split(":")[0];
			assertThat(uid).matches("[0-9]+").isNotEqualTo("0");
			assertThat(Files.readString(Path.of("deploy/kubernetes/base/deployment.yaml")))
				.contains("runAsUser: " + uid);
		});
		assertThat(runtime).anyMatch(line -> line.startsWith("ENTRYPOINT ") && line.contains("\"-jar\"")
				&& line.contains("-Djava.io.tmpdir=/tmp"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsThePortalBesidePostgresqlOnceItIsHealthyWithVariablesTheAppReads() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		Map<String, Object> postgres = services.get("postgres");
		Map<String, Object> portal = services.get("hubguard");
		assertThat((String) postgres.get("image")).startsWith("postgres:");
		assertThat(String.valueOf(((Map<String, Object>) postgres.get("healthcheck")).get("test")))
			.contains("pg_isready");
		assertThat((Map<String, Object>) portal.get("depends_on")).containsEntry("postgres",
				Map.of("condition", "service_healthy"));
		assertThat(portal.get("read_only")).isEqualTo(true);
		assertThat((List<String>) portal.get("tmpfs")).contains("/tmp");
		Map<String, Object> environment = (Map<String, Object>) portal.get("environment");
		assertThat(Manifests.variablesTheAppReads()).containsAll(environment.keySet());
		assertThat(String.valueOf(environment.get("SPRING_DATASOURCE_URL"))).contains("//postgres:5432/");
		assertThat(environment).containsKey("HUBGUARD_KEKS");
	}

	/** Instructions, continuation lines joined, comments left out. */
	private static List<String> instructions(String dockerfile) {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : dockerfile.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || trimmed.isEmpty()) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			instructions.add(current.append(trimmed).toString());
			current.setLength(0);
		}
		return instructions;
	}

}
