package dev.hubguard.egress;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Whether an address is one the portal itself must not connect to on someone's say-so (a
 * chat webhook): the ranges never opened to user servers and the private ones, in every
 * spelling ({@link ForbiddenRanges}).
 */
public final class NonPublicAddresses {

	private NonPublicAddresses() {
	}

	/** What the address is when it is not public, e.g. "loopback addresses". */
	public static Optional<String> what(InetAddress address) {
		int bits = address.getAddress().length * 8;
		Cidr single = Cidr.parse(hostOf(address) + "/" + bits);
		return ForbiddenRanges.enclosing(single, false).map(ForbiddenRanges.Forbidden::what);
	}

	private static String hostOf(InetAddress address) {
		String text = address.getHostAddress();
		int scope = text.indexOf('%');
		return scope < 0 ? text : text.substring(0, scope);
	}

}
