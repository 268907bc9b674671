package dev.hubguard.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A keyset position: the sort key of the last row a page showed and that row's id, handed
 * to the reader as an opaque token ({@code ?cursor=}). The first part names the listing
 * and its order, so a cursor of one listing is refused by another. A cursor that is not
 * one the portal gave out is a 400 that says so.
 */
public record Cursor(List<String> parts) {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	public static final String BAD = "The cursor is not one this list gave out (it only comes from a 'next' link);"
			+ " start again from the first page.";

	public static Cursor of(String... parts) {
		return new Cursor(List.of(parts));
	}

	public String encode() {
		List<String> encoded = new ArrayList<>();
		for (String part : parts) {
			encoded.add(ENCODER.encodeToString(part.getBytes(StandardCharsets.UTF_8)));
		}
		return String.join(".", encoded);
	}

	/**
	 * Reads a cursor of the listing {@code kind} with {@code size} parts (the kind
	 * included); null or blank text is the first page (null).
	 */
	public static Cursor decode(String text, String kind, int size) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.length() > 1000) {
			throw bad();
		}
		List<String> parts = new ArrayList<>();
		try {
			for (String part : text.strip().split("\\.", -1)) {
				parts.add(new String(DECODER.decode(part), StandardCharsets.UTF_8));
			}
		}
		catch (IllegalArgumentException ex) {
			throw bad();
		}
		if (parts.size() != size || !parts.get(0).equals(kind)) {
			throw bad();
		}
		return new Cursor(List.copyOf(parts));
	}

	public String text(int index) {
		return parts.get(index);
	}

	public long number(int index) {
		try {
			return Long.parseLong(parts.get(index));
		}
		catch (NumberFormatException ex) {
			throw bad();
		}
	}

	/** A time written by {@link #micros(Instant)}. */
	public Instant instant(int index) {
		long micros = number(index);
		return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
	}

	/** A time as microseconds since the epoch (PostgreSQL's precision). */
	public static String micros(Instant at) {
		return String.valueOf(Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000));
	}

	/**
	 * The page size asked for: 1 to {@code max}, else a 400; null means {@code fallback}.
	 */
	public static int limit(Integer asked, int fallback, int max) {
		if (asked == null) {
			return fallback;
		}
		if (asked < 1 || asked > max) {
			throw new InvalidInputException("limit", "limit must be between 1 and " + max + " (rows per page).");
		}
		return asked;
	}

	private static InvalidInputException bad() {
		return new InvalidInputException("cursor", BAD);
	}

}
