package dev.hubguard.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the demo's catalogue file: the same format a provider writes, with kube contexts
 * of the demo clusters.
 */
final class DemoCatalogueFile {

	private DemoCatalogueFile() {
	}

	static Path write(Path dir, List<DemoHubs.DemoCluster> clusters) {
		StringBuilder yaml = new StringBuilder(
				"# Written by Hubguard's demo mode; regenerated at every demo start.\nclusters:\n");
		for (DemoHubs.DemoCluster cluster : clusters) {
			yaml.append("  - name: ").append(cluster.name()).append('\n');
			yaml.append("    provider: ").append(cluster.provider()).append('\n');
			yaml.append("    kubeContext: ").append(cluster.name()).append('\n');
			yaml.append("    hubs:\n");
			for (DemoHubs.DemoHub hub : cluster.hubs()) {
				yaml.append("      - name: ").append(hub.name()).append('\n');
				yaml.append("        namespace: ").append(hub.name()).append('\n');
				yaml.append("        helmRelease: ").append(hub.name()).append('\n');
				yaml.append("        url: ").append(hub.url()).append('\n');
				yaml.append("        auth: ").append(hub.auth()).append('\n');
				yaml.append("        admins:\n");
				yaml.append("          users: ").append(list(hub.adminUsers())).append('\n');
				yaml.append("          githubTeams: ").append(list(hub.adminTeams())).append('\n');
				if (hub.cilogonIdp() != null) {
					yaml.append("          cilogon:\n");
					yaml.append("            idp: \"").append(hub.cilogonIdp()).append("\"\n");
					yaml.append("            allowedDomains: ").append(list(hub.cilogonDomains())).append('\n');
				}
			}
		}
		Path file = dir.resolve("clusters.yaml");
		try {
			Files.createDirectories(dir);
			Files.writeString(file, yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	private static String list(List<String> values) {
		return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
	}

}
