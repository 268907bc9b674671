package dev.hubguard.egress;

import dev.hubguard.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks a requested policy and says exactly which field is wrong and why. */
final class EgressPolicyValidator {

	static final int MAX_RULES = 200;

	private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP", "ANY");

	private EgressPolicyValidator() {
	}

	static EgressPolicy validate(AccessMode mode, boolean allowPrivate, List<AllowRule> rules) {
		if (mode == null) {
			throw new InvalidInputException("mode",
					"Choose a mode: Open internet (OPEN), Web only (WEB_ONLY), Allow-list (ALLOWLIST) or Blocked (no internet, BLOCKED).");
		}
		List<AllowRule> given = rules == null ? List.of() : rules;
		if (mode != AccessMode.ALLOWLIST && !given.isEmpty()) {
			throw new InvalidInputException("rules", "Allow-list entries only go with the ALLOWLIST mode.");
		}
		if (mode == AccessMode.ALLOWLIST && given.isEmpty()) {
			throw new InvalidInputException("rules",
					"An allow-list needs at least one entry; choose Blocked (no internet) for none.");
		}
		if (given.size() > MAX_RULES) {
			throw new InvalidInputException("rules",
					"An allow-list has at most " + MAX_RULES + " entries; this one has " + given.size() + ".");
		}
		List<AllowRule> clean = new ArrayList<>();
		for (int i = 0; i < given.size(); i++) {
			clean.add(rule(given.get(i), "rules[" + i + "]", allowPrivate));
		}
		return new EgressPolicy(mode, allowPrivate, clean);
	}

	static AllowRule rule(AllowRule rule, String field, boolean allowPrivate) {
		if (rule == null) {
			throw new InvalidInputException(field, "An allow-list entry is empty.");
		}
		Cidr cidr;
		try {
			cidr = Cidr.parse(rule.cidr() == null ? "" : rule.cidr().strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field + ".cidr", ex.getMessage());
		}
		java.util.Optional<ForbiddenRanges.Forbidden> forbidden = ForbiddenRanges.enclosing(cidr, allowPrivate);
		if (forbidden.isPresent() && forbidden.get().always()) {
			throw new InvalidInputException(field + ".cidr", cidr + " lies inside " + forbidden.get().what() + " ("
					+ forbidden.get().range() + "), which the portal never opens.");
		}
		if (forbidden.isPresent()) {
			throw new InvalidInputException(field + ".cidr", cidr + " lies inside " + forbidden.get().what() + " ("
					+ forbidden.get().range() + "): turn on private addresses to reach it.");
		}
		String protocol = rule.protocol() == null ? (rule.port() == null ? "ANY" : "TCP")
				: rule.protocol().strip().toUpperCase(Locale.ROOT);
		if (!PROTOCOLS.contains(protocol)) {
			throw new InvalidInputException(field + ".protocol",
					"Protocol '" + rule.protocol() + "' is not TCP, UDP, SCTP or ANY.");
		}
		if (rule.port() != null && (rule.port() < 1 || rule.port() > 65535)) {
			throw new InvalidInputException(field + ".port", "Port " + rule.port() + " is outside 1-65535.");
		}
		if (rule.endPort() != null) {
			if (rule.port() == null) {
				throw new InvalidInputException(field + ".endPort", "A port range needs its first port.");
			}
			if (rule.endPort() < rule.port() || rule.endPort() > 65535) {
				throw new InvalidInputException(field + ".endPort", "The range " + rule.port() + "-" + rule.endPort()
						+ " must end between " + rule.port() + " and 65535.");
			}
		}
		String reason = rule.reason() == null ? "" : rule.reason().strip();
		if (reason.isEmpty()) {
			throw new InvalidInputException(field + ".reason", "Say why " + cidr + " is needed.");
		}
		if (reason.length() > 200) {
			throw new InvalidInputException(field + ".reason", "A reason has at most 200 characters.");
		}
		Integer end = rule.endPort() != null && rule.endPort().equals(rule.port()) ? null : rule.endPort();
		return new AllowRule(cidr.toString(), protocol, rule.port(), end, reason);
	}

}
