package dev.hubguard.egress;

import java.time.Instant;
import java.util.List;

/**
 * What a hub's user servers can reach now, read from the cluster's NetworkPolicies.
 *
 * @param chartOpensInternetBy when a policy not owned by Hubguard (normally the chart's
 * {@code singleuser}) already allows the internet, its name: then no restriction chosen
 * in the portal can take effect
 * @param enforcer the NetworkPolicy controller found, or null when none was: then nothing
 * is enforced
 * @param error why the cluster could not be read, or null
 */
public record EffectiveAccessReport(String hub, List<Row> verdicts, String chartOpensInternetBy, String chartRule,
		String enforcer, String error, Instant evaluatedAt) {

	/** One probe destination and whether a user server may reach it. */
	public record Row(String destination, String description, boolean allowed, String policy, String rule,
			String reason) {
	}

	public boolean enforced() {
		return enforcer != null;
	}

}
