package dev.hubguard.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure: a hub's secret values in, its two Kubernetes Secrets out ({@code data} in base64,
 * never {@code stringData}); a Secret with no keys is not rendered, so it is pruned. A
 * value that cannot be given ({@code bytes} null: it does not decrypt) is left out of
 * {@code data} but still counts as a key, so its Secret is rendered and not pruned.
 */
final class SecretRenderer {

	private SecretRenderer() {
	}

	record Value(String name, Delivery delivery, byte[] bytes) {

		boolean undeliverable() {
			return bytes == null;
		}

	}

	static List<Secret> render(String namespace, List<Value> values) {
		List<Secret> out = new ArrayList<>();
		for (Delivery delivery : Delivery.values()) {
			Map<String, String> data = new TreeMap<>();
			values.stream()
				.filter(value -> value.delivery() == delivery && !value.undeliverable())
				.forEach(value -> data.put(value.name(), Base64.getEncoder().encodeToString(value.bytes())));
			if (values.stream().noneMatch(value -> value.delivery() == delivery)) {
				continue;
			}
			out.add(new SecretBuilder().withNewMetadata()
				.withName(delivery.secretName())
				.withNamespace(namespace)
				.endMetadata()
				.withType("Opaque")
				.withData(data)
				.build());
		}
		return out;
	}

}
