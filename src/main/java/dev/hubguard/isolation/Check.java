package dev.hubguard.isolation;

/**
 * What one check verifies, and how posture tools name the same thing.
 *
 * @param id stable machine id, like {@code user-pod.non-root}
 * @param polaris Polaris' check name, or null
 * @param kubescape kubescape's control ids, or null
 * @param pss the Pod Security Standards control and profile, or null
 * @param remedy the Zero to JupyterHub values (YAML) that fix it, or what to do when no
 * chart value does
 */
public record Check(String id, String title, Severity severity, String polaris, String kubescape, String pss,
		String remedy) {

	/** The result of this check with its evidence. */
	Finding result(Result result, java.util.List<String> evidence, java.util.List<String> objects) {
		return new Finding(this, result, evidence, objects, null);
	}

	Finding pass(String evidence) {
		return result(Result.PASS, java.util.List.of(evidence), java.util.List.of());
	}

	Finding unknown(String evidence) {
		return result(Result.UNKNOWN, java.util.List.of(evidence), java.util.List.of());
	}

}
