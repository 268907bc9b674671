package dev.hubguard.egress;

/**
 * How much of the internet a hub's user servers may reach (beyond the hub, proxy and
 * DNS).
 */
public enum AccessMode {

	/** All ports to non-private addresses. */
	OPEN,
	/** 80/TCP, 443/TCP and 443/UDP to non-private addresses. */
	WEB_ONLY,
	/** Only the listed address ranges and ports, each with a reason. */
	ALLOWLIST,
	/** Nothing beyond what the chart already allows (hub, proxy, DNS). */
	BLOCKED

}
