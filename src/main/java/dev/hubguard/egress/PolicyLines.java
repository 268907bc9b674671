package dev.hubguard.egress;

import java.util.ArrayList;
import java.util.List;

/**
 * A desired internet access as the rules a person reads, one a line, so that a change
 * shows as lines added and removed: {@code 203.0.113.0/24 443/TCP journal mirror}, {@code
 * any public address, all ports}.
 */
final class PolicyLines {

	private PolicyLines() {
	}

	static List<String> of(EgressPolicy policy) {
		List<String> lines = new ArrayList<>();
		if (policy == null) {
			lines.add("the chart's own policy decides (not managed by Hubguard)");
			return lines;
		}
		switch (policy.mode()) {
			case OPEN -> lines.add("any public address, all ports");
			case WEB_ONLY -> lines.add("any public address, 80/TCP, 443/TCP and 443/UDP");
			case ALLOWLIST -> policy.rules()
				.forEach(rule -> lines.add(Cidr.parse(rule.cidr()) + " " + rule.portText()
						+ (rule.reason() == null || rule.reason().isBlank() ? "" : " " + rule.reason())));
			case BLOCKED -> lines.add("no internet (blocked)");
		}
		if (policy.allowPrivate()) {
			lines.add("private addresses (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), all ports");
		}
		return lines;
	}

}
