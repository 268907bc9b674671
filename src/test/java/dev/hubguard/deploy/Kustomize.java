package dev.hubguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a directory with {@code kubectl kustomize}, as a provider does before
 * {@code kubectl apply -k}. Tests skip, saying why, only where no kubectl is installed; a
 * kubectl whose kustomize is older than v5 fails them.
 */
final class Kustomize {

	private static final Pattern VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");

	private Kustomize() {
	}

	static Path kubectl() {
		Path found = null;
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
			Path candidate = Path.of(dir, "kubectl");
			if (Files.isExecutable(candidate)) {
				found = candidate;
				break;
			}
		}
		assumeTrue(found != null, "kubectl is not installed: the Kubernetes manifests were NOT rendered or checked "
				+ "(install kubectl 1.27 or newer, with kustomize v5)");
		String version = run(List.of(found.toString(), "version", "--client"), null);
		Matcher matcher = VERSION.matcher(version);
		assertThat(matcher.find() && Integer.parseInt(matcher.group(1)) >= 5)
			.as("%s must bundle kustomize v5 or newer to render deploy/kubernetes; it says: %s", found, version)
			.isTrue();
		return found;
	}

	/** The YAML that {@code kubectl kustomize dir} prints. */
	static String render(Path dir) {
		return run(List.of(kubectl().toString(), "kustomize", dir.toString()), null);
	}

	/** Every object of a (multi-document) YAML text, parsed by the fabric8 client. */
	static List<HasMetadata> load(KubernetesClient client, String yaml) {
		return new ArrayList<>(client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items());
	}

	/**
	 * Creates every object on the API server and answers them as the server stored them.
	 */
	static List<HasMetadata> createAll(KubernetesClient client, List<HasMetadata> objects) {
		List<HasMetadata> stored = new ArrayList<>();
		for (HasMetadata object : objects) {
			HasMetadata created = client.resource(object).create();
			assertThat(created.getMetadata().getName()).isEqualTo(object.getMetadata().getName());
			stored.add(client.resource(object).get());
		}
		assertThat(stored).doesNotContainNull();
		return stored;
	}

	/**
	 * Runs a command and answers what it printed; it must succeed, and print nothing on
	 * standard error (a kustomize warning fails the test too).
	 */
	static String run(List<String> command, Path dir) {
		try {
			Path errors = Files.createTempFile("kubectl", ".err");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
				if (dir != null) {
					builder.directory(dir.toFile());
				}
				Process process = builder.start();
				byte[] output = process.getInputStream().readAllBytes();
				assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
				String text = new String(output, StandardCharsets.UTF_8);
				String error = Files.readString(errors);
				assertThat(process.exitValue()).as("%s answered: %s%s", command, text, error).isZero();
				assertThat(error).as("what %s printed on standard error", command).isBlank();
				return text;
			}
			finally {
				Files.deleteIfExists(errors);
			}
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
