package dev.hubguard.support;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property over generated inputs, the project's way (no property-testing library):
 * tries from {@code -Dhubguard.property.tries=N} (2000 unless told; see
 * {@link #COSTLY_TRIES} for the slow ones), the seed from
 * {@code -Dhubguard.property.seed=S} (a fresh one unless told). Every try draws from its
 * own generator split off the seeded one in order, so a failure, which names the
 * property, the try, the seed and the input, comes back with the same seed. Each run
 * prints one line: {@code [property] <name>: <tries> tries in <ms> ms, seed <seed>}
 * (bench/properties.sh adds these up). Nothing is shrunk.
 */
public final class Properties {

	public static final int TRIES = Integer.getInteger("hubguard.property.tries", 2000);

	/**
	 * Tries for the properties that cost milliseconds a try (brute-force comparisons),
	 * from {@code -Dhubguard.property.costly-tries=N}; as many as the others unless told.
	 */
	public static final int COSTLY_TRIES = Integer.getInteger("hubguard.property.costly-tries", TRIES);

	public static final long SEED = seed();

	private Properties() {
	}

	private static long seed() {
		String seed = System.getProperty("hubguard.property.seed", "").strip();
		return seed.isEmpty() ? new SplittableRandom().nextLong() : Long.parseLong(seed);
	}

	/** One try: draws its input from the generator and checks it. */
	public interface Try {

		/**
		 * Checks one generated input; {@code shown} receives the input for the failure
		 * message as soon as it is drawn.
		 */
		void check(SplittableRandom random, Consumer<Object> shown) throws Exception;

	}

	/** Runs {@code property} {@link #TRIES} times; answers the tries made. */
	public static int check(String name, Try property) {
		return check(name, TRIES, property);
	}

	/** Runs {@code property} {@link #COSTLY_TRIES} times; answers the tries made. */
	public static int checkCostly(String name, Try property) {
		return check(name, COSTLY_TRIES, property);
	}

	/** Runs {@code property} {@code tries} times; answers the tries made. */
	public static int check(String name, int tries, Try property) {
		SplittableRandom all = new SplittableRandom(SEED ^ name.hashCode());
		long start = System.nanoTime();
		for (int i = 1; i <= tries; i++) {
			SplittableRandom random = all.split();
			Object[] input = { null };
			try {
				property.check(random, shown -> input[0] = shown);
			}
			catch (Exception | AssertionError | StackOverflowError failure) {
				throw new AssertionError(String.format(
						"%s failed on try %d of %d with seed %d (replay: -Dhubguard.property.seed=%d)%n  input: %s%n  failure: %s",
						name, i, tries, SEED, SEED, shorten(input[0]), failure), failure);
			}
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.printf("[property] %s: %d tries in %d ms, seed %d%n", name, tries, millis, SEED);
		return tries;
	}

	private static String shorten(Object input) {
		String text = String.valueOf(input);
		return text.length() > 2000 ? text.substring(0, 2000) + "… (" + text.length() + " characters)" : text;
	}

	/** One of the values. */
	@SafeVarargs
	public static <T> T oneOf(SplittableRandom random, T... values) {
		return values[random.nextInt(values.length)];
	}

	/**
	 * Text near {@code valid}: one to three edits (a character inserted, deleted,
	 * replaced or repeated, the text cut short), drawn from {@code alphabet} and a few
	 * troublemakers (controls, NUL, separators, non-ASCII).
	 */
	public static String nearMiss(SplittableRandom random, String valid, String alphabet) {
		StringBuilder text = new StringBuilder(valid);
		int edits = random.nextInt(1, 4);
		for (int e = 0; e < edits; e++) {
			int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
			char c = random.nextInt(4) == 0
					? oneOf(random, '\0', '\n', ' ', '/', ':', '.', '-', 'é', '\u2028', '\uFFFF')
					: alphabet.charAt(random.nextInt(alphabet.length()));
			switch (random.nextInt(5)) {
				case 0 -> text.insert(at, c);
				case 1 -> {
					if (at < text.length()) {
						text.deleteCharAt(at);
					}
				}
				case 2 -> {
					if (at < text.length()) {
						text.setCharAt(at, c);
					}
				}
				case 3 -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(1, 4))));
				default -> text.setLength(at);
			}
		}
		return text.toString();
	}

	/** Any text: up to {@code max} characters, any of them (surrogates included). */
	public static String garbage(SplittableRandom random, int max) {
		int length = random.nextInt(max + 1);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x10000) : (char) random.nextInt(0x20, 0x7f));
		}
		return text.toString();
	}

	/** Any bytes, up to {@code max}. */
	public static byte[] bytes(SplittableRandom random, int max) {
		byte[] bytes = new byte[random.nextInt(max + 1)];
		random.nextBytes(bytes);
		return bytes;
	}

}
