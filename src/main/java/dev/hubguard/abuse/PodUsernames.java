package dev.hubguard.abuse;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Who each user pod belonged to, remembered from whenever the pod was seen (by its
 * {@code hub.jupyter.org/username} annotation) for {@link #KEPT}, so an alert that
 * arrives after a kill or a cull still finds its user. Whatever lists or watches pods
 * feeds it through {@link #seen}.
 */
interface PodUsernames {

	String ANNOTATION = "hub.jupyter.org/username";

	Duration KEPT = Duration.ofDays(30);

	/** Records the user of each pod that carries the annotation; others are skipped. */
	void seen(String cluster, Collection<Pod> pods);

	/** The user recorded for a pod within {@link #KEPT}. */
	Optional<String> recorded(String cluster, String namespace, String pod);

	/**
	 * The naming scheme the hub's recorded pods show (annotation against name), or empty
	 * while none has told.
	 */
	Optional<PodNames.Scheme> scheme(String cluster, String namespace);

}
