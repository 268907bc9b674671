package dev.hubguard.egress;

import dev.hubguard.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's allow-list as text, one entry a line: {@code CIDR PORTS REASON}, where PORTS
 * is {@code all}, {@code 443/tcp}, {@code 8000-8100/tcp} or {@code 53/udp}. Blank lines
 * and lines starting with # are skipped.
 */
final class AllowListText {

	private static final Pattern PORTS = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?/(tcp|udp|sctp|any)",
			Pattern.CASE_INSENSITIVE);

	private AllowListText() {
	}

	static List<AllowRule> parse(String text) {
		return parse(text, null);
	}

	/**
	 * Reads every line; with {@code allowPrivate} given, also checks each entry as the
	 * validator will. Every bad line is reported at once, each with its number.
	 */
	static List<AllowRule> parse(String text, Boolean allowPrivate) {
		List<AllowRule> rules = new ArrayList<>();
		if (text == null) {
			return rules;
		}
		List<String> problems = new ArrayList<>();
		String[] lines = text.split("\\R");
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] parts = line.split("\\s+", 3);
			try {
				if (parts.length < 3) {
					throw new InvalidInputException("rules", "Line " + (i + 1)
							+ ": write CIDR, ports and a reason, e.g. '203.0.113.0/24 443/tcp journal mirror'.");
				}
				AllowRule rule = rule(parts, i + 1);
				if (allowPrivate != null) {
					EgressPolicyValidator.rule(rule, "rules", allowPrivate);
				}
				rules.add(rule);
			}
			catch (InvalidInputException ex) {
				String message = ex.getMessage();
				problems.add(message.startsWith("Line ") ? message : "Line " + (i + 1) + ": " + message);
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException("rules",
					(problems.size() == 1 ? "1 line of the allow-list needs fixing:"
							: problems.size() + " lines of the allow-list need fixing:") + "\n"
							+ String.join("\n", problems));
		}
		return rules;
	}

	static String format(List<AllowRule> rules) {
		StringBuilder text = new StringBuilder();
		for (AllowRule rule : rules) {
			String ports = rule.allPorts() ? "all" : rule.portText().toLowerCase(Locale.ROOT);
			text.append(rule.cidr()).append(' ').append(ports).append(' ').append(rule.reason()).append('\n');
		}
		return text.toString();
	}

	private static AllowRule rule(String[] parts, int line) {
		if (parts[1].equalsIgnoreCase("all")) {
			return new AllowRule(parts[0], "ANY", null, null, parts[2]);
		}
		Matcher ports = PORTS.matcher(parts[1]);
		if (!ports.matches()) {
			throw new InvalidInputException("rules",
					"Line " + line + ": ports '" + parts[1] + "' should look like all, 443/tcp or 8000-8100/tcp.");
		}
		Integer end = ports.group(2) == null ? null : Integer.valueOf(ports.group(2));
		return new AllowRule(parts[0], ports.group(3).toUpperCase(Locale.ROOT), Integer.valueOf(ports.group(1)), end,
				parts[2]);
	}

}
