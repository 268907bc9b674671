package dev.hubguard.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits, within a bound, for something the portal does in the background (the
 * reconciler).
 */
public final class Eventually {

	private Eventually() {
	}

	public static void within(Duration limit, String what, BooleanSupplier condition) {
		within(limit, Duration.ofMillis(50), what, condition);
	}

	/** Polls every {@code every}: for a wait that is also timed. */
	public static void within(Duration limit, Duration every, String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return;
			}
			try {
				Thread.sleep(every);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("not within " + limit + ": " + what);
	}

}
