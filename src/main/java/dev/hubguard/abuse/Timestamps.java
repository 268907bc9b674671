package dev.hubguard.abuse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/** Reads the times that cryptnono, the kubelet and Alertmanager write. */
final class Timestamps {

	/** Go's zero {@code time.Time}: Alertmanager sends it for an alert with no end. */
	static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private static final int MAX_LENGTH = 64;

	/**
	 * A date, 'T' or a space, a time with optional fraction, then 'Z', {@code +hh:mm},
	 * {@code +hhmm} (bpftrace's {@code %z}) or nothing, which is read as UTC.
	 */
	private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.append(DateTimeFormatter.ISO_LOCAL_TIME)
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.toFormatter(Locale.ROOT)
		.withResolverStyle(ResolverStyle.STRICT);

	private Timestamps() {
	}

	/** An RFC 3339 time with an offset, as Go and the kubelet write it. */
	static Optional<Instant> rfc3339(String text) {
		if (text == null || text.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			Instant parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
			// Go's zero time stands for "unset"; anything else outside 1970-9999 cannot
			// be stored or meant.
			boolean plausible = parsed.equals(GO_ZERO_TIME)
					|| (!parsed.isBefore(Instant.EPOCH) && parsed.isBefore(LATEST));
			return plausible ? Optional.of(parsed) : Optional.empty();
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	/** Any of the shapes log lines use; a time without an offset is taken as UTC. */
	static Optional<Instant> lenient(String text) {
		if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			TemporalAccessor parsed = LENIENT.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
			if (parsed instanceof OffsetDateTime withOffset) {
				return Optional.of(withOffset.toInstant());
			}
			return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

}
