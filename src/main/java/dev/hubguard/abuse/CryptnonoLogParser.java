package dev.hubguard.abuse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one line of a cryptnono container's log into a {@link CryptnonoEvent}, or says
 * why not. Pure: no I/O, no clock. Never throws, whatever the bytes.
 */
public final class CryptnonoLogParser {

	/** Longer lines are refused unread. */
	static final int MAX_LINE_BYTES = 64 * 1024;

	/** Longest RFC3339Nano time the kubelet puts before a line, with some room. */
	private static final int MAX_PREFIX_LENGTH = 40;

	private CryptnonoLogParser() {
	}

	/**
	 * Parses one log line.
	 * @param line the line's bytes, with or without its line ending, optionally prefixed
	 * by the kubelet's RFC3339Nano timestamp and a space ({@code timestamps=true})
	 * @param container the cryptnono container that wrote it: {@code execwhacker} (JSON
	 * lines) or {@code monero} (text lines)
	 * @param fallbackTime the time to use when the line carries none that can be read
	 * (typically when it was read); if null, such an event has a null time
	 * @return an event, or IGNORED (not a process event) or MALFORMED (unreadable), with
	 * a detail safe to log
	 */
	public static ParseResult parse(byte[] line, String container, Instant fallbackTime) {
		if (line == null || line.length == 0) {
			return ParseResult.ignored("empty line");
		}
		if (line.length > MAX_LINE_BYTES) {
			return ParseResult.malformed("line of " + line.length + " bytes is over the 64 KiB limit; not read");
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(line))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return ParseResult.malformed("line is not valid UTF-8");
		}
		text = withoutLineEnding(text);
		Instant prefixTime = null;
		int space = text.indexOf(' ');
		if (space > 0 && space <= MAX_PREFIX_LENGTH) {
			Optional<Instant> prefix = Timestamps.rfc3339(text.substring(0, space));
			if (prefix.isPresent()) {
				prefixTime = prefix.get();
				text = text.substring(space + 1);
			}
		}
		if (text.isBlank()) {
			return ParseResult.ignored("empty line");
		}
		Instant fallback = (prefixTime != null) ? prefixTime : fallbackTime;
		if (CryptnonoEvent.EXECWHACKER.equals(container)) {
			return ExecwhackerLines.parse(text, fallback);
		}
		if (CryptnonoEvent.MONERO.equals(container)) {
			return MoneroLines.parse(text, fallback);
		}
		return ParseResult
			.malformed("no parser for container " + Text.excerpt(container) + ": expected execwhacker or monero");
	}

	private static String withoutLineEnding(String text) {
		int end = text.length();
		while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
			end--;
		}
		return text.substring(0, end);
	}

	/**
	 * A process id from text: null unless it is a non-negative number that fits a long.
	 */
	static Long pid(String text) {
		if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
			return null;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** What became of one line. */
	public enum Outcome {

		/** A process event: {@link ParseResult#event()} holds it. */
		EVENT,
		/**
		 * Readable, but not a process event (startup messages, debug lines, blank lines).
		 */
		IGNORED,
		/** Unreadable: not UTF-8, not JSON, too long, or no parser for the container. */
		MALFORMED

	}

	/**
	 * The result of parsing one line.
	 *
	 * @param event present exactly when the outcome is {@link Outcome#EVENT}
	 * @param outcome what became of the line
	 * @param detail why a line was ignored or malformed, or notes on an event (such as a
	 * time that could not be read); null for a clean event. Safe to log: untrusted text
	 * in it is short and single-line
	 */
	public record ParseResult(Optional<CryptnonoEvent> event, Outcome outcome, String detail) {

		public ParseResult {
			Objects.requireNonNull(event, "event");
			Objects.requireNonNull(outcome, "outcome");
			if (event.isPresent() != (outcome == Outcome.EVENT)) {
				throw new IllegalArgumentException("an event comes with outcome EVENT, and only with it");
			}
		}

		static ParseResult event(CryptnonoEvent event, List<String> notes) {
			return new ParseResult(Optional.of(event), Outcome.EVENT,
					notes.isEmpty() ? null : String.join("; ", notes));
		}

		static ParseResult ignored(String why) {
			return new ParseResult(Optional.empty(), Outcome.IGNORED, why);
		}

		static ParseResult malformed(String why) {
			return new ParseResult(Optional.empty(), Outcome.MALFORMED, why);
		}

	}

}
