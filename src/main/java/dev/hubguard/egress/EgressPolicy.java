package dev.hubguard.egress;

import java.util.ArrayList;
import java.util.List;

/**
 * A hub's desired internet access. Build it with {@link EgressPolicyValidator#validate},
 * which refuses anything that cannot be rendered or that would reach the cloud metadata
 * server.
 */
public record EgressPolicy(AccessMode mode, boolean allowPrivate, List<AllowRule> rules) {

	static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

	public EgressPolicy {
		rules = rules == null ? List.of() : List.copyOf(rules);
	}

	/**
	 * What this policy lets user servers reach, as rules (the mode spelt out, plus
	 * private ranges).
	 */
	List<AllowRule> effectiveRules() {
		List<AllowRule> effective = new ArrayList<>();
		switch (mode) {
			case OPEN -> {
				effective.add(new AllowRule("0.0.0.0/0", "ANY", null, null, "open internet"));
				effective.add(new AllowRule("::/0", "ANY", null, null, "open internet"));
			}
			case WEB_ONLY -> {
				for (String all : List.of("0.0.0.0/0", "::/0")) {
					effective.add(new AllowRule(all, "TCP", 80, null, "web"));
					effective.add(new AllowRule(all, "TCP", 443, null, "web"));
					effective.add(new AllowRule(all, "UDP", 443, null, "web (HTTP/3)"));
				}
			}
			case ALLOWLIST -> effective.addAll(rules);
			case BLOCKED -> {
			}
		}
		if (allowPrivate) {
			PRIVATE_RANGES
				.forEach(range -> effective.add(new AllowRule(range, "ANY", null, null, "private addresses")));
		}
		return effective;
	}

	/**
	 * Whether this policy lets user servers reach anything {@code before} did not, by
	 * exact set containment over the (address, protocol, port) triples both render to
	 * ({@link EgressRenderer}, {@link Reach}): it does not widen only when everything it
	 * renders was already rendered. {@code before} null means Hubguard managed nothing.
	 * What the chart's own policy allows is deliberately left out: it can change without
	 * Hubguard, and the promise is about what Hubguard itself opens.
	 */
	public boolean widens(EgressPolicy before) {
		return !Reach.of(EgressRenderer.rules(before)).contains(Reach.of(EgressRenderer.rules(this)));
	}

	/**
	 * One line for lists and the audit log, e.g. {@code WEB_ONLY} or
	 * {@code ALLOWLIST (3 entries) + private}.
	 */
	public String summary() {
		String text = switch (mode) {
			case OPEN -> "open internet";
			case WEB_ONLY -> "web only (80, 443)";
			case ALLOWLIST -> "allow-list of " + rules.size() + (rules.size() == 1 ? " entry" : " entries");
			case BLOCKED -> "blocked (no internet)";
		};
		return allowPrivate ? text + ", private addresses allowed" : text;
	}

}
