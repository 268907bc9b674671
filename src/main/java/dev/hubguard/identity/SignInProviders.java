package dev.hubguard.identity;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The configured sign-in providers. A provider's registration (for CILogon, read from its
 * discovery document) is built at its first use and kept, so the portal starts even while
 * a provider is unreachable.
 */
public class SignInProviders {

	private static final Logger log = LoggerFactory.getLogger(SignInProviders.class);

	private final Map<String, Provider> providers;

	private final Map<String, ClientRegistration> resolved = new ConcurrentHashMap<>();

	SignInProviders(List<Provider> providers) {
		this.providers = providers.stream()
			.collect(Collectors.toMap(Provider::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
	}

	/**
	 * For the sign-in page: id and label of each configured provider, in configuration
	 * order.
	 */
	public List<Provider> all() {
		return List.copyOf(providers.values());
	}

	ClientRegistration registration(String id) {
		Provider provider = providers.get(id);
		if (provider == null) {
			return null;
		}
		return resolved.computeIfAbsent(id, key -> {
			try {
				return provider.registration().get();
			}
			catch (RuntimeException ex) {
				log.error("sign-in provider {} cannot be reached: {}", id, ex.getMessage());
				throw new SignInProviderUnavailableException(provider.label(), ex);
			}
		});
	}

	/** A provider: {@code registration} is only called when someone signs in with it. */
	public record Provider(String id, String label, Supplier<ClientRegistration> registration) {
	}

}
