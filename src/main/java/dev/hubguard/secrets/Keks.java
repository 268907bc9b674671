package dev.hubguard.secrets;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The key ring in use. Built from configuration at start-up, which fails with advice when
 * no KEK is configured and, through {@link KekSentinels}, when a configured KEK is not
 * the one that encrypted the stored values.
 */
@Component
class Keks implements SmartInitializingSingleton {

	private final KekSentinels sentinels;

	private volatile KeyRing ring;

	Keks(KekProperties properties, KekSentinels sentinels) {
		this.ring = KeyRing.from(properties);
		this.sentinels = sentinels;
	}

	@Override
	public void afterSingletonsInstantiated() {
		sentinels.verify(ring);
	}

	KeyRing current() {
		return ring;
	}

	/**
	 * Test hook standing in for a restart with other KEKs; verified like a start-up.
	 */
	void replace(KeyRing next) {
		sentinels.verify(next);
		this.ring = next;
	}

}
