package dev.hubguard.cluster;

import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Set;

/**
 * An object Hubguard owns, as the desired state of one hub at one version says it should
 * be.
 *
 * @param keepLive keys of top-level map fields (e.g. {@code data} → {@code DB_PASSWORD})
 * whose value the desired state cannot give now: the live value, if any, is left as it is
 * rather than removed
 * @param problem why the object cannot be delivered whole (e.g. "1 value cannot be
 * delivered"), or null: the object is then shown as an error even when the rest is in the
 * cluster
 */
public record DesiredObject(HubRef hub, int version, HasMetadata object, Map<String, Set<String>> keepLive,
		String problem) {

	public DesiredObject {
		keepLive = keepLive == null ? Map.of() : Map.copyOf(keepLive);
	}

	public DesiredObject(HubRef hub, int version, HasMetadata object) {
		this(hub, version, object, Map.of(), null);
	}

	/** Identifies the object across passes: {@code cluster/Kind/namespace/name}. */
	public String key() {
		return key(hub.cluster(), object.getKind(), object.getMetadata().getNamespace(),
				object.getMetadata().getName());
	}

	static String key(String cluster, String kind, String namespace, String name) {
		return cluster + "/" + kind + "/" + namespace + "/" + name;
	}

}
