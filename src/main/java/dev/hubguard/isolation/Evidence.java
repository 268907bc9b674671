package dev.hubguard.isolation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects one check's problems over many pods: each problem once, with the pods that
 * have it (a few named, the rest counted), so 1,000 pods give a few lines. The offending
 * objects are kept up to {@link #OBJECTS}: an exemption for one object covers a finding
 * only when that object is the only one, which a capped list still tells.
 */
final class Evidence {

	static final int NAMED = 5;

	static final int OBJECTS = 20;

	private final Map<String, Pods> problems = new LinkedHashMap<>();

	private final Set<String> objects = new LinkedHashSet<>();

	private Result worst = Result.PASS;

	void add(Result result, String problem, String pod) {
		problems.computeIfAbsent(problem, key -> new Pods()).add(pod);
		if (objects.size() < OBJECTS) {
			objects.add("Pod " + pod);
		}
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
		problems.forEach((problem, pods) -> lines.add(problem + " — " + pods.describe()));
		return lines;
	}

	List<String> objects() {
		return List.copyOf(objects);
	}

	static String pods(Collection<String> pods) {
		Pods counted = new Pods();
		pods.forEach(counted::add);
		return counted.describe();
	}

	/** A few pod names and how many there are in all. */
	private static final class Pods {

		private final List<String> named = new ArrayList<>(NAMED);

		private int count;

		void add(String pod) {
			if (named.size() < NAMED) {
				named.add(pod);
			}
			count++;
		}

		String describe() {
			int more = count - named.size();
			return (count == 1 ? "1 pod: " : count + " pods: ") + String.join(", ", named)
					+ (more > 0 ? " and " + more + " more" : "");
		}

	}

}
