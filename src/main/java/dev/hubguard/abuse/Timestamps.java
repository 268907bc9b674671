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
			Instant parsed = common(text);
			if (parsed == null) {
				parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
			}
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

	/**
	 * The shape Alertmanager and Go write, {@code 2024-05-02T10:11:12.123456789Z}
	 * (fraction of 0 to 9 digits, {@code Z} or {@code +hh:mm}), read without the general
	 * formatter, which costs a notification of 100 alerts more than the rest of its
	 * parsing; null for any other shape, which the formatter reads. Fields out of range
	 * throw as the formatter does.
	 */
	static Instant common(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 7);
		int day = digits(text, 8, 10);
		int hour = digits(text, 11, 13);
		int minute = digits(text, 14, 16);
		int second = digits(text, 17, 19);
		if ((year | month | day | hour | minute | second) < 0) {
			return null;
		}
		int at = 19;
		int nanos = 0;
		if (text.charAt(at) == '.') {
			int start = ++at;
			while (at < length && at - start < 10 && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
				at++;
			}
			int count = at - start;
			if (count == 0 || count > 9) {
				return null;
			}
			nanos = digits(text, start, at);
			for (int i = count; i < 9; i++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (at == length - 1 && text.charAt(at) == 'Z') {
			offsetSeconds = 0;
		}
		else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
			int hours = digits(text, at + 1, at + 3);
			int minutes = digits(text, at + 4, at + 6);
			if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
				return null;
			}
			offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
		}
		else {
			return null;
		}
		return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
			.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
	}

	/**
	 * The decimal number in {@code text[from, to)}, or -1 if any character is no digit.
	 */
	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
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
