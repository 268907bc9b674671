package dev.hubguard.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import org.springframework.stereotype.Component;

/**
 * Instants as pages send them ({@code @times} in templates): in UTC with the zone
 * written, and as an ISO {@code datetime} for the page's script to show in the viewer's
 * zone. The server's answer never depends on the viewer or on the server's own zone.
 */
@Component("times")
public class Times {

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** {@code 2026-12-07T19:01:00Z}, or null. */
	public String iso(TemporalAccessor at) {
		Instant instant = instant(at);
		return instant == null ? null : ISO.format(instant);
	}

	/** {@code 2026-12-07 19:01 UTC}, or null. */
	public String utc(TemporalAccessor at) {
		Instant instant = instant(at);
		return instant == null ? null : UTC.format(instant);
	}

	private static Instant instant(TemporalAccessor at) {
		if (at == null) {
			return null;
		}
		if (at instanceof Instant instant) {
			return instant;
		}
		if (!at.isSupported(ChronoField.INSTANT_SECONDS)) {
			throw new IllegalArgumentException("not an instant: " + at);
		}
		return Instant.from(at);
	}

}
