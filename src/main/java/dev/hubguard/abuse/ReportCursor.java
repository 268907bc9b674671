package dev.hubguard.abuse;

import dev.hubguard.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of an abuse list ends: the order it was in, the sort key of its last row
 * (0 or 1 for open-or-not), when that report's user was last seen (in microseconds, as
 * PostgreSQL keeps it) and its id to break ties. Sent as an opaque URL-safe token.
 */
record ReportCursor(String order, long key, long seenMicros, long id) {

	String encode() {
		String plain = order + ":" + key + ":" + seenMicros + ":" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
	}

	Instant seen() {
		return Instant.ofEpochSecond(Math.floorDiv(seenMicros, 1_000_000L),
				Math.floorMod(seenMicros, 1_000_000L) * 1000L);
	}

	static long micros(Instant at) {
		return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000L;
	}

	/**
	 * Null or blank is the first page; anything not made by {@link #encode} for this
	 * order is a 400.
	 */
	static ReportCursor decode(String token, ReportOrder order) {
		if (token == null || token.isBlank()) {
			return null;
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.US_ASCII)
				.split(":");
			if (parts.length != 4 || !parts[0].equals(order.name())) {
				throw new IllegalArgumentException("four parts of this order");
			}
			return new ReportCursor(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]),
					Long.parseLong(parts[3]));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("cursor",
					"This page link is not one Hubguard made for this order; start again from the first page.");
		}
	}

}
