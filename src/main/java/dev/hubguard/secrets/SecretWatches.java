package dev.hubguard.secrets;

import dev.hubguard.cluster.ClusterWatches;
import dev.hubguard.cluster.Watch;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The Secrets Hubguard owns, in each hub namespace (one watch each; a hub's own Secrets,
 * such as its proxy token, are never read): the secrets pages and the reconciler read
 * this one store.
 */
@Component
public final class SecretWatches implements ClusterWatches {

	public static final Watch OWNED = Watch.ownedInHubNamespaces(Secret.class);

	@Override
	public List<Watch> watches() {
		return List.of(OWNED);
	}

}
