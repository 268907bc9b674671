package dev.hubguard.abuse;

import dev.hubguard.cluster.ClusterWatches;
import dev.hubguard.cluster.Watch;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** cryptnono's node agents, whose logs abuse detection follows. */
@Component
public final class CryptnonoWatches implements ClusterWatches {

	public static final String NAMESPACE = "support";

	public static final String LABEL = "app.kubernetes.io/name";

	/** cryptnono's pods in {@value #NAMESPACE} (reduced form). */
	public static final Watch PODS = Watch.in(Pod.class, NAMESPACE, Map.of(LABEL, "cryptnono"));

	@Override
	public List<Watch> watches() {
		return List.of(PODS);
	}

}
