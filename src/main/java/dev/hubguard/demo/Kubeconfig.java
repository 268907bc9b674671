package dev.hubguard.demo;

import java.util.Map;
import java.util.TreeMap;

/**
 * Writes kubeconfig files for API servers that need no credentials (the in-memory
 * clusters).
 */
public final class Kubeconfig {

	private Kubeconfig() {
	}

	/** One cluster, user and context per entry, each context named after its cluster. */
	public static String of(Map<String, String> serversByName) {
		StringBuilder clusters = new StringBuilder();
		StringBuilder contexts = new StringBuilder();
		String first = null;
		for (Map.Entry<String, String> entry : new TreeMap<>(serversByName).entrySet()) {
			String name = entry.getKey();
			first = first == null ? name : first;
			clusters.append("- name: ")
				.append(name)
				.append("\n  cluster:\n    server: ")
				.append(entry.getValue())
				.append('\n');
			contexts.append("- name: ")
				.append(name)
				.append("\n  context:\n    cluster: ")
				.append(name)
				.append("\n    user: hubguard-demo\n");
		}
		return "apiVersion: v1\nkind: Config\nclusters:\n" + clusters
				+ "users:\n- name: hubguard-demo\n  user:\n    token: demo\n" + "contexts:\n" + contexts
				+ "current-context: " + first + "\n";
	}

}
