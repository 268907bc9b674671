package dev.hubguard.isolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects one check's problems over many pods: each problem once, with the pods that
 * have it (a few named, the rest counted), so 1,000 pods give a few lines.
 */
final class Evidence {

	static final int NAMED = 5;

	private final Map<String, Set<String>> problems = new LinkedHashMap<>();

	private final Set<String> objects = new LinkedHashSet<>();

	private Result worst = Result.PASS;

	void add(Result result, String problem, String pod) {
		problems.computeIfAbsent(problem, key -> new LinkedHashSet<>()).add(pod);
		objects.add("Pod " + pod);
		if (result.ordinal() > worst.ordinal()) {
			worst = result;
		}
	}

	boolean isEmpty() {
		return problems.isEmpty();
	}

	Result worst() {
		return worst;
	}

	List<String> lines() {
		List<String> lines = new ArrayList<>();
		problems.forEach((problem, pods) -> lines.add(problem + " — " + pods(pods)));
		return lines;
	}

	List<String> objects() {
		return List.copyOf(objects);
	}

	static String pods(Set<String> pods) {
		List<String> named = pods.stream().limit(NAMED).toList();
		String text = String.join(", ", named);
		int more = pods.size() - named.size();
		return (pods.size() == 1 ? "1 pod: " : pods.size() + " pods: ") + text
				+ (more > 0 ? " and " + more + " more" : "");
	}

}
