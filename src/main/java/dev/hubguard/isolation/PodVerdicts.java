package dev.hubguard.isolation;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each user pod's container-check verdict until the pod changes (a new
 * {@code resourceVersion}), so recomputing reports costs a lookup per unchanged pod.
 * Equal verdicts share one instance: pods started from one chart configuration have the
 * same problems.
 */
final class PodVerdicts {

	private static final int SHARED_MAX = 10_000;

	private static final class Remembered {

		final String version;

		final PodChecks.Verdict verdict;

		volatile long seen;

		Remembered(String version, PodChecks.Verdict verdict, long seen) {
			this.version = version;
			this.verdict = verdict;
			this.seen = seen;
		}

	}

	private final Map<String, Remembered> byPod = new ConcurrentHashMap<>();

	private final Map<List<PodChecks.Violation>, PodChecks.Verdict> shared = new ConcurrentHashMap<>();

	private volatile long round;

	PodChecks.Verdict of(Pod pod) {
		String version = pod.getMetadata().getResourceVersion();
		if (version == null) {
			return PodChecks.verdict(pod);
		}
		// The uid is one String instance per cached pod, its hash computed once.
		String key = pod.getMetadata().getUid() != null ? pod.getMetadata().getUid()
				: pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
		Remembered remembered = byPod.get(key);
		if (remembered != null && remembered.version.equals(version)) {
			remembered.seen = round;
			return remembered.verdict;
		}
		PodChecks.Verdict fresh = PodChecks.verdict(pod);
		if (shared.size() > SHARED_MAX) {
			shared.clear();
		}
		PodChecks.Verdict verdict = shared.computeIfAbsent(fresh.violations(), violations -> fresh);
		byPod.put(key, new Remembered(version, verdict, round));
		return verdict;
	}

	/** Starts a round in which every present pod is looked up. */
	void startRound() {
		round++;
	}

	/** Forgets the pods not looked up since {@link #startRound}: they are gone. */
	void endRound() {
		long current = round;
		byPod.values().removeIf(remembered -> remembered.seen != current);
	}

	int size() {
		return byPod.size();
	}

}
