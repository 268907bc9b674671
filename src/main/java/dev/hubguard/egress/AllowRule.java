package dev.hubguard.egress;

/**
 * One allow-list entry: an address range, a protocol ({@code TCP}, {@code UDP},
 * {@code SCTP} or {@code ANY}), an optional port or port range (none means every port),
 * and why it is needed.
 */
public record AllowRule(String cidr, String protocol, Integer port, Integer endPort, String reason) {

	public boolean allPorts() {
		return port == null;
	}

	/**
	 * The ports as a person reads them, e.g. {@code 443/TCP} or {@code 8000-8100/TCP}.
	 * Public: templates call it.
	 */
	public String portText() {
		if (port == null) {
			return "all ports";
		}
		String range = endPort == null || endPort.equals(port) ? String.valueOf(port) : port + "-" + endPort;
		return range + "/" + protocol;
	}

	int lowPort() {
		return port == null ? 1 : port;
	}

	int highPort() {
		return port == null ? 65535 : endPort == null ? port : endPort;
	}

}
