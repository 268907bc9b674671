package dev.hubguard.secrets;

import dev.hubguard.cluster.DesiredObject;
import dev.hubguard.cluster.DesiredObjects;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Renders each hub's {@code hubguard-user-env} and {@code hubguard-user-files} Secrets
 * for the reconciler. A value that does not decrypt is never rendered as garbage nor
 * removed: the key's live value is left as it is, the other values are delivered, and the
 * Secret is shown as an error until the value is set again.
 */
@Component
class SecretObjects implements DesiredObjects {

	private static final Logger log = LoggerFactory.getLogger(SecretObjects.class);

	private final SecretStore store;

	private final SecretHubs hubs;

	private final Keks keks;

	private final HubCatalogue catalogue;

	SecretObjects(SecretStore store, SecretHubs hubs, Keks keks, HubCatalogue catalogue) {
		this.store = store;
		this.hubs = hubs;
		this.keks = keks;
		this.catalogue = catalogue;
	}

	@Override
	public List<Class<? extends HasMetadata>> kinds() {
		return List.of(Secret.class);
	}

	@Override
	public List<HubRef> managedHubs() {
		return hubs.hubs().stream().map(HubRef::parse).filter(hub -> catalogue.find(hub).isPresent()).toList();
	}

	@Override
	public List<DesiredObject> render(HubRef hub) {
		Optional<CatalogueHub> found = catalogue.find(hub);
		if (found.isEmpty()) {
			return List.of();
		}
		int version = hubs.hub(hub.toString()).version();
		KeyRing ring = keks.current();
		List<SecretRenderer.Value> values = store.list(hub.toString())
			.stream()
			.map(row -> new SecretRenderer.Value(row.name(), row.delivery(), openOrNull(ring, row)))
			.toList();
		return SecretRenderer.render(found.get().namespace(), values).stream().map(secret -> {
			Set<String> undeliverable = values.stream()
				.filter(value -> value.undeliverable()
						&& value.delivery().secretName().equals(secret.getMetadata().getName()))
				.map(SecretRenderer.Value::name)
				.collect(Collectors.toCollection(TreeSet::new));
			return undeliverable.isEmpty() ? new DesiredObject(hub, version, secret) : new DesiredObject(hub, version,
					secret, Map.of("data", undeliverable), undeliverableMessage(undeliverable));
		}).toList();
	}

	private static final String UNDELIVERABLE = " be delivered (it does not decrypt; set it again): ";

	static String undeliverableMessage(Set<String> names) {
		return names.size() + (names.size() == 1 ? " value cannot" : " values cannot") + UNDELIVERABLE
				+ String.join(", ", names);
	}

	/** The names an {@link #undeliverableMessage} lists; none for any other message. */
	static List<String> undeliverableNames(String message) {
		int at = message.indexOf(UNDELIVERABLE);
		return at < 0 ? List.of() : List.of(message.substring(at + UNDELIVERABLE.length()).split(", "));
	}

	/**
	 * The value, or null when it does not decrypt (the reason is logged, never the
	 * value).
	 */
	private static byte[] openOrNull(KeyRing ring, SecretStore.Row row) {
		try {
			return Envelope.open(ring, row.sealed(), row.context());
		}
		catch (UndecryptableException ex) {
			log.warn("secret {} of {} cannot be delivered: {}", row.name(), row.hub(), ex.getMessage());
			return null;
		}
	}

	@Override
	public long watermark() {
		return hubs.watermark();
	}

}
