package dev.hubguard.abuse;

import dev.hubguard.abuse.CryptnonoLogParser.ParseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text lines of cryptnono's monero container:
 * {@code [<time>] killed pid:<n> fpcr:<n> cmd:<cmdline>}. Every other line is ignored.
 */
final class MoneroLines {

	private static final Pattern KILL = Pattern.compile("\\[([^\\]]{0,64})\\]\\s*killed(?:\\s+(.*))?", Pattern.DOTALL);

	private static final Pattern CMD = Pattern.compile("(?:^|\\s)cmd:(.*)", Pattern.DOTALL);

	private static final Pattern PID = Pattern.compile("(?:^|\\s)pid:(\\S*)");

	private MoneroLines() {
	}

	static ParseResult parse(String text, Instant fallbackTime) {
		Matcher kill = KILL.matcher(text.strip());
		if (!kill.matches()) {
			return ParseResult.ignored("not a kill line");
		}
		List<String> notes = new ArrayList<>();
		Optional<Instant> time = Timestamps.lenient(kill.group(1));
		if (time.isEmpty()) {
			notes.add("time " + Text.excerpt(kill.group(1)) + " is not a time; used the fallback time");
		}
		String rest = (kill.group(2) != null) ? kill.group(2) : "";
		String fields = rest;
		String cmdline = null;
		Matcher cmd = CMD.matcher(rest);
		if (cmd.find()) {
			cmdline = Text.cleanOrNull(cmd.group(1).strip());
			fields = rest.substring(0, cmd.start());
		}
		Matcher pidField = PID.matcher(fields);
		Long pid = null;
		if (pidField.find()) {
			pid = CryptnonoLogParser.pid(pidField.group(1));
			if (pid == null) {
				notes.add("pid " + Text.excerpt(pidField.group(1)) + " is not a usable process id");
			}
		}
		CryptnonoEvent event = new CryptnonoEvent(time.orElse(fallbackTime), "killed", null, null, null, cmdline, null,
				pid, null, CryptnonoEvent.MONERO, null);
		return ParseResult.event(event, notes);
	}

}
