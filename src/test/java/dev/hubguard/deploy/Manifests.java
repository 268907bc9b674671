package dev.hubguard.deploy;

import dev.hubguard.demo.InMemoryCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * Rendered manifests, as an API server stored them: each rendering is created on a fresh
 * in-memory API server and read back from it.
 */
record Manifests(List<HasMetadata> objects) {

	static final Path KUBERNETES = Path.of("deploy/kubernetes");

	/** What a provider puts in the example overlay's files, one per generated value. */
	static final Map<String, String> OVERLAY_FILES = Map.of("secrets/database-username", "placeholder-db-user",
			"secrets/database-password", "placeholder-db-password", "secrets/github-client-id", "placeholder-github-id",
			"secrets/github-client-secret", "placeholder-github-secret", "secrets/alertmanager-token",
			"placeholder-alertmanager-token", "secrets/metrics-token", "placeholder-metrics-token", "secrets/keks",
			"kek-1:placeholder", "secrets/kubeconfig", "placeholder-kubeconfig", "config/clusters.yaml",
			"clusters: []\n", "config/staff-roster.yaml", "staff: []\n");

	static Manifests base() {
		return deployed(Kustomize.render(KUBERNETES.resolve("base")));
	}

	/**
	 * The example overlay, rendered from a copy in which the files a provider creates
	 * exist.
	 */
	static Manifests overlay() {
		Path copy = null;
		try {
			copy = Files.createTempDirectory("hubguard-kustomize");
			FileSystemUtils.copyRecursively(KUBERNETES, copy);
			Path example = copy.resolve("overlays/example");
			for (Map.Entry<String, String> file : OVERLAY_FILES.entrySet()) {
				Files.createDirectories(example.resolve(file.getKey()).getParent());
				Files.writeString(example.resolve(file.getKey()), file.getValue());
			}
			return deployed(Kustomize.render(example));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (copy != null) {
				try {
					FileSystemUtils.deleteRecursively(copy);
				}
				catch (IOException ignored) {
					// a temporary directory
				}
			}
		}
	}

	static Manifests deployed(String yaml) {
		try (InMemoryCluster cluster = InMemoryCluster.start("deploy-test");
				KubernetesClient client = cluster.client()) {
			return new Manifests(Kustomize.createAll(client, Kustomize.load(client, yaml)));
		}
	}

	<T extends HasMetadata> List<T> all(Class<T> kind) {
		return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	<T extends HasMetadata> T one(Class<T> kind) {
		List<T> found = all(kind);
		if (found.size() != 1) {
			throw new AssertionError("expected one " + kind.getSimpleName() + ", found " + found.size());
		}
		return found.get(0);
	}

	<T extends HasMetadata> T named(Class<T> kind, Predicate<String> name) {
		return all(kind).stream()
			.filter(object -> name.test(object.getMetadata().getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no such " + kind.getSimpleName()));
	}

	/**
	 * The environment variables the application reads: its {@code ${NAME:default}}
	 * placeholders, the datasource's (Spring's relaxed binding of
	 * {@code spring.datasource.*}) and the JVM's own.
	 */
	static Set<String> variablesTheAppReads() {
		Set<String> names = new TreeSet<>(Set.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
				"SPRING_DATASOURCE_PASSWORD", "JAVA_TOOL_OPTIONS"));
		Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(applicationYaml());
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	static String applicationYaml() {
		try {
			return Files.readString(Path.of("src/main/resources/application.yml"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Stream<String> lines(Path file) {
		try {
			return Files.readAllLines(file).stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
