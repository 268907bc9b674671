package dev.hubguard.secrets;

import dev.hubguard.cluster.DesiredObject;
import dev.hubguard.cluster.DesiredObjects;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Renders each hub's {@code hubguard-user-env} and {@code hubguard-user-files} Secrets
 * for the reconciler. A value that does not decrypt fails the hub's pass (loudly, and
 * retried), never renders garbage.
 */
@Component
class SecretObjects implements DesiredObjects {

	private final SecretStore store;

	private final Keks keks;

	private final HubCatalogue catalogue;

	SecretObjects(SecretStore store, Keks keks, HubCatalogue catalogue) {
		this.store = store;
		this.keks = keks;
		this.catalogue = catalogue;
	}

	@Override
	public List<Class<? extends HasMetadata>> kinds() {
		return List.of(Secret.class);
	}

	@Override
	public List<HubRef> managedHubs() {
		return store.hubs().stream().map(HubRef::parse).filter(hub -> catalogue.find(hub).isPresent()).toList();
	}

	@Override
	public List<DesiredObject> render(HubRef hub) {
		Optional<CatalogueHub> found = catalogue.find(hub);
		if (found.isEmpty()) {
			return List.of();
		}
		int version = store.hub(hub.toString()).version();
		KeyRing ring = keks.current();
		List<SecretRenderer.Value> values = store.list(hub.toString())
			.stream()
			.map(row -> new SecretRenderer.Value(row.name(), row.delivery(),
					Envelope.open(ring, row.sealed(), row.context())))
			.toList();
		return SecretRenderer.render(found.get().namespace(), values)
			.stream()
			.map(secret -> new DesiredObject(hub, version, secret))
			.toList();
	}

	@Override
	public long watermark() {
		return store.watermark();
	}

}
