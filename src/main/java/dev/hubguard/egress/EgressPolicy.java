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
	 * Whether this policy lets user servers reach anything {@code before} did not.
	 * Conservative: each rule must be covered by a single rule of {@code before};
	 * {@code before} null means Hubguard managed nothing.
	 */
	public boolean widens(EgressPolicy before) {
		// Private addresses are carved out of every range while the switch is off:
		// turning it on always widens.
		if (allowPrivate && (before == null || !before.allowPrivate)) {
			return true;
		}
		List<AllowRule> had = before == null ? List.of() : before.effectiveRules();
		return effectiveRules().stream().anyMatch(rule -> had.stream().noneMatch(old -> covers(old, rule)));
	}

	private static boolean covers(AllowRule outer, AllowRule inner) {
		Cidr outerRange = Cidr.parse(outer.cidr());
		Cidr innerRange = Cidr.parse(inner.cidr());
		if (outerRange.isIpv4() != innerRange.isIpv4() || !outerRange.contains(innerRange)) {
			return false;
		}
		if (!outer.protocol().equals("ANY") && !outer.protocol().equals(inner.protocol())) {
			return false;
		}
		return outer.lowPort() <= inner.lowPort() && inner.highPort() <= outer.highPort();
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
			case BLOCKED -> "no internet";
		};
		return allowPrivate ? text + ", private addresses allowed" : text;
	}

}
