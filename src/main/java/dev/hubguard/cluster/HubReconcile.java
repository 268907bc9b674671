package dev.hubguard.cluster;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hub's pass of the {@link Reconciler}: every feature's objects synced, then pruned.
 */
final class HubReconcile {

	private static final Logger log = LoggerFactory.getLogger(HubReconcile.class);

	private final List<DesiredObjects> features;

	private final List<Class<? extends HasMetadata>> kinds;

	private final ObjectSync sync;

	private final ReconcileStatusStore statuses;

	private final HubCatalogue catalogue;

	private final ReconcileErrors errors;

	HubReconcile(List<DesiredObjects> features, List<Class<? extends HasMetadata>> kinds, ObjectSync sync,
			ReconcileStatusStore statuses, HubCatalogue catalogue, ReconcileErrors errors) {
		this.features = features;
		this.kinds = kinds;
		this.sync = sync;
		this.statuses = statuses;
		this.catalogue = catalogue;
		this.errors = errors;
	}

	/**
	 * Renders each feature's objects for the hub and syncs them, then prunes what no
	 * feature renders any more. A feature whose render throws has its objects' status set
	 * to ERROR and its kinds left unpruned (its live objects stay as they are); the other
	 * features and their prune go on.
	 */
	void reconcile(HubRef ref) {
		Optional<CatalogueHub> hub = catalogue.find(ref);
		if (hub.isEmpty()) {
			return;
		}
		String namespace = hub.get().namespace();
		List<ReconcileStatus> known = statuses.forHub(ref.toString());
		Map<Class<? extends HasMetadata>, List<String>> rendered = new HashMap<>();
		kinds.forEach(kind -> rendered.put(kind, new ArrayList<>()));
		Set<Class<? extends HasMetadata>> unrendered = new HashSet<>();
		for (DesiredObjects feature : features) {
			List<DesiredObject> objects;
			try {
				objects = feature.render(ref);
			}
			catch (RuntimeException ex) {
				log.warn("rendering {}'s objects of {} failed: {}", ref, feature.getClass().getSimpleName(),
						ex.toString());
				errors.renderFailed(ref, namespace, feature.kinds(), ex);
				unrendered.addAll(feature.kinds());
				continue;
			}
			errors.rendered(ref, namespace, feature.kinds(), known);
			for (DesiredObject desired : objects) {
				rendered.computeIfAbsent(desired.object().getClass(), kind -> new ArrayList<>())
					.add(desired.object().getMetadata().getName());
				try {
					sync.sync(desired, known.stream().filter(row -> row.object().equals(desired.key())).findFirst());
				}
				catch (RuntimeException ex) {
					log.error("syncing {} failed; the next pass retries", desired.key(), ex);
				}
			}
		}
		rendered.forEach((kind, names) -> {
			if (!unrendered.contains(kind)) {
				sync.prune(ref.cluster(), ref.hub(), namespace, kind, names, "no longer desired");
			}
		});
	}

}
