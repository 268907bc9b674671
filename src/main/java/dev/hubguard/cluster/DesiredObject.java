package dev.hubguard.cluster;

import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * An object Hubguard owns, as the desired state of one hub at one version says it should
 * be.
 */
public record DesiredObject(HubRef hub, int version, HasMetadata object) {

	/** Identifies the object across passes: {@code cluster/Kind/namespace/name}. */
	public String key() {
		return hub.cluster() + "/" + object.getKind() + "/" + object.getMetadata().getNamespace() + "/"
				+ object.getMetadata().getName();
	}

}
