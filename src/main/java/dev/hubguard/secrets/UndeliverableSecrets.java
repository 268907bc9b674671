package dev.hubguard.secrets;

import dev.hubguard.cluster.Reconciler;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The secrets the reconciler cannot deliver (their value no longer decrypts), by name
 * only: read from its status of each hub's Secrets, never from a value.
 */
@Component
public class UndeliverableSecrets {

	private final Reconciler reconciler;

	private final HubCatalogue catalogue;

	UndeliverableSecrets(Reconciler reconciler, HubCatalogue catalogue) {
		this.reconciler = reconciler;
		this.catalogue = catalogue;
	}

	/** The names of a hub's secrets that cannot be delivered, sorted. */
	public List<String> names(HubRef hub) {
		return reconciler.status(hub)
			.stream()
			.filter(status -> status.object().contains("/Secret/") && status.lastError() != null)
			.flatMap(status -> SecretObjects.undeliverableNames(status.lastError()).stream())
			.sorted()
			.toList();
	}

	/**
	 * By {@code cluster/hub}, every hub the reconciler has a status of (one it has not
	 * looked at yet is absent: not known to be fine), with the names it cannot deliver.
	 */
	public Map<String, List<String>> byHub() {
		Map<String, List<String>> byHub = new LinkedHashMap<>();
		for (CatalogueHub hub : catalogue.hubs()) {
			if (!reconciler.status(hub.ref()).isEmpty()) {
				byHub.put(hub.ref().toString(), names(hub.ref()));
			}
		}
		return byHub;
	}

}
