package dev.hubguard.egress;

import java.math.BigInteger;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address block, held as its network address (host bits cleared), its
 * prefix length, and its address width in bits (32 or 128).
 *
 * @param network the network address as an unsigned number
 * @param prefixLength how many leading bits are fixed
 * @param bits 32 for IPv4, 128 for IPv6
 */
public record Cidr(BigInteger network, int prefixLength, int bits) {

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
	 * Reads "10.0.0.0/8", "2001:db8::/32", or an address alone (one host). Host bits are
	 * cleared: "10.0.0.1/8" reads as 10.0.0.0/8. No name lookup is ever made.
	 * @throws IllegalArgumentException naming the input and what is wrong with it
	 */
	public static Cidr parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("\"" + (text == null ? "" : text)
					+ "\" is not a valid CIDR: it is empty; write an address and prefix length, like 10.0.0.0/8");
		}
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		try {
			IpLiterals.Address parsed = IpLiterals.parse(address);
			int prefix = (slash < 0) ? parsed.bits() : prefixLength(trimmed.substring(slash + 1), parsed.bits());
			return new Cidr(parsed.value(), prefix, parsed.bits());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(trimmed + " is not a valid CIDR: " + ex.getMessage(), ex);
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

	public boolean overlaps(Cidr other) {
		return contains(other) || other.contains(this);
	}

	public boolean isIpv4() {
		return this.bits == 32;
	}

	@Override
	public String toString() {
		return IpLiterals.format(this.network, this.bits) + "/" + this.prefixLength;
	}

	private boolean sameNetwork(BigInteger address) {
		int hostBits = this.bits - this.prefixLength;
		return address.shiftRight(hostBits).equals(this.network.shiftRight(hostBits));
	}

	private static int prefixLength(String text, int bits) {
		if (!IpLiterals.digits(text) || text.length() > 3) {
			throw new IllegalArgumentException("the prefix length after / is a number, like /"
					+ (bits == 32 ? "24" : "64") + ", not \"" + text + "\"");
		}
		int prefix = Integer.parseInt(text);
		if (prefix > bits) {
			throw new IllegalArgumentException(prefixRule(bits));
		}
		return prefix;
	}

	private static String prefixRule(int bits) {
		return (bits == 32) ? "an IPv4 prefix is 0 to 32" : "an IPv6 prefix is 0 to 128";
	}

}
