package dev.hubguard.abuse;

import dev.hubguard.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of an abuse list ends: the sort key of its last row (open or not, when it
 * was opened, in microseconds as PostgreSQL keeps it) and its id to break ties. Sent as
 * an opaque URL-safe token.
 */
record ReportCursor(boolean open, long openedAtMicros, long id) {

	String encode() {
		String plain = (open ? "1" : "0") + ":" + openedAtMicros + ":" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
	}

	Instant openedAt() {
		return Instant.ofEpochSecond(Math.floorDiv(openedAtMicros, 1_000_000L),
				Math.floorMod(openedAtMicros, 1_000_000L) * 1000L);
	}

	static long micros(Instant at) {
		return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000L;
	}

	/** Null or blank is the first page; anything not made by {@link #encode} is a 400. */
	static ReportCursor decode(String token) {
		if (token == null || token.isBlank()) {
			return null;
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.US_ASCII)
				.split(":");
			if (parts.length != 3 || !(parts[0].equals("0") || parts[0].equals("1"))) {
				throw new IllegalArgumentException("three parts");
			}
			return new ReportCursor(parts[0].equals("1"), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("cursor",
					"This page link is not one Hubguard made; start again from the first page.");
		}
	}

}
