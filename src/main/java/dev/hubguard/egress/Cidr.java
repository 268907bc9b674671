package dev.hubguard.egress;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.math.BigInteger;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address block, held as its network address (host bits cleared), its
 * prefix length, and its address width in bits (32 or 128). Text is read and written by
 * the IPAddress library (com.github.seancfoley), which knows every IPv6 spelling.
 *
 * @param network the network address as an unsigned number
 * @param prefixLength how many leading bits are fixed
 * @param bits 32 for IPv4, 128 for IPv6
 */
public record Cidr(BigInteger network, int prefixLength, int bits) {

	/**
	 * Plain addresses with an optional prefix length, as Kubernetes reads an ipBlock: no
	 * ranges, wildcards, masks, zones, inet_aton forms (1.2.3, 0x0a.0.0.1) or empty text.
	 */
	private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder().allowEmpty(false)
		.allowAll(false)
		.allowSingleSegment(false)
		.allowMask(false)
		.allowPrefixOnly(false)
		.allowWildcardedSeparator(false)
		.setRangeOptions(RangeParameters.NO_RANGE)
		.getIPv4AddressParametersBuilder()
		.allow_inet_aton(false)
		.allowBinary(false)
		.getParentBuilder()
		.getIPv6AddressParametersBuilder()
		.allowZone(false)
		.allowEmptyZone(false)
		.allowBase85(false)
		.allowBinary(false)
		.allow_mixed_inet_aton(false)
		.getParentBuilder()
		.toParams();

	public Cidr {
		if (bits != 32 && bits != 128) {
			throw new IllegalArgumentException("A CIDR is 32 (IPv4) or 128 (IPv6) bits wide, not " + bits);
		}
		if (prefixLength < 0 || prefixLength > bits) {
			throw new IllegalArgumentException("A CIDR's prefix length is 0 to " + bits + ", not " + prefixLength);
		}
		if (network == null || network.signum() < 0 || network.bitLength() > bits) {
			throw new IllegalArgumentException("A CIDR's network address must fit in " + bits + " bits");
		}
		network = network.shiftRight(bits - prefixLength).shiftLeft(bits - prefixLength);
	}

	/**
	 * Reads "10.0.0.0/8", "2001:db8::/32", "::ffff:10.0.0.0/104", or an address alone
	 * (one host). Host bits are cleared: "10.0.0.1/8" reads as 10.0.0.0/8. No name lookup
	 * is ever made.
	 * @throws IllegalArgumentException naming the input and what is wrong with it
	 */
	public static Cidr parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("\"" + (text == null ? "" : text)
					+ "\" is not a valid CIDR: it is empty; write an address and prefix length, like 10.0.0.0/8");
		}
		String trimmed = text.strip();
		if (trimmed.chars().anyMatch(Character::isISOControl)) {
			// The address library took "10.0.0.0/8" followed by a NUL
			// (EgressPropertyTest).
			throw new IllegalArgumentException("\"" + trimmed.replaceAll("\\p{Cntrl}", "?")
					+ "\" is not a valid CIDR: it holds a control character");
		}
		try {
			IPAddress address = new IPAddressString(trimmed, STRICT).toAddress();
			int bits = address.getBitCount();
			Integer prefix = address.getNetworkPrefixLength();
			return new Cidr(address.getValue(), prefix == null ? bits : prefix, bits);
		}
		catch (AddressStringException ex) {
			throw new IllegalArgumentException(trimmed + " is not a valid CIDR: " + reason(trimmed), ex);
		}
	}

	/**
	 * The single-host block of an address literal such as "10.0.3.7" or "2001:db8::1".
	 */
	static Cidr host(String address) {
		if (address == null || address.indexOf('/') >= 0) {
			throw new IllegalArgumentException(address + " is not an IP address: write it without a prefix length");
		}
		return parse(address);
	}

	public boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length * 8 == this.bits && sameNetwork(new BigInteger(1, bytes));
	}

	/**
	 * Whether every address of {@code other} is in this block; never across address
	 * families.
	 */
	public boolean contains(Cidr other) {
		return other.bits == this.bits && other.prefixLength >= this.prefixLength && sameNetwork(other.network);
	}

	/** Whether this block holds {@code address}, a number of this block's width. */
	boolean containsValue(BigInteger address) {
		return sameNetwork(address);
	}

	public boolean overlaps(Cidr other) {
		return contains(other) || other.contains(this);
	}

	public boolean isIpv4() {
		return this.bits == 32;
	}

	/** The block's first address (its network address). */
	BigInteger first() {
		return this.network;
	}

	/** The block's last address. */
	BigInteger last() {
		return this.network.add(BigInteger.ONE.shiftLeft(this.bits - this.prefixLength)).subtract(BigInteger.ONE);
	}

	@Override
	public String toString() {
		IPAddress address = isIpv4() ? new inet.ipaddr.ipv4.IPv4Address(this.network.intValue())
				: new inet.ipaddr.ipv6.IPv6Address(this.network);
		return address.toCanonicalString() + "/" + this.prefixLength;
	}

	private boolean sameNetwork(BigInteger address) {
		int hostBits = this.bits - this.prefixLength;
		return address.shiftRight(hostBits).equals(this.network.shiftRight(hostBits));
	}

	/** What a person can fix, in our words (never the address library's message). */
	private static String reason(String text) {
		int slash = text.indexOf('/');
		String address = (slash < 0) ? text : text.substring(0, slash);
		IPAddress alone = new IPAddressString(address, STRICT).getAddress();
		if (alone != null && slash >= 0) {
			String prefix = text.substring(slash + 1);
			int bits = alone.getBitCount();
			if (!prefix.isEmpty() && prefix.length() <= 4 && prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
				return (bits == 32) ? "an IPv4 prefix is 0 to 32" : "an IPv6 prefix is 0 to 128";
			}
			return "the prefix length after / is a number, like /" + (bits == 32 ? "24" : "64") + ", not \"" + prefix
					+ "\"";
		}
		if (address.matches("\\d{1,3}(\\.\\d+){3}")) {
			for (String part : address.split("\\.")) {
				if (part.length() > 3 || Integer.parseInt(part) > 255) {
					return "each part of an IPv4 address is a number from 0 to 255, and " + part + " is not";
				}
			}
		}
		if (address.chars().anyMatch(c -> Character.isLetter(c) && Character.digit(c, 16) < 0)) {
			return "write an address, like 203.0.113.7 or 203.0.113.0/24: a host name is never looked up";
		}
		// Our own words only: the library's message speaks of its parser, not of the
		// input.
		return "it is neither an IPv4 address like 10.0.0.0/8 nor an IPv6 address like 2001:db8::/32";
	}

}
