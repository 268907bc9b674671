package dev.hubguard.egress;

import java.math.BigInteger;

/**
 * Parses and formats IPv4 and IPv6 address literals without any name lookup. Errors carry
 * only the reason; callers say which input was wrong.
 */
final class IpLiterals {

	private IpLiterals() {
	}

	/**
	 * An address as an unsigned number and its width in bits (32 or 128).
	 */
	record Address(BigInteger value, int bits) {
	}

	static Address parse(String literal) {
		if (literal.indexOf(':') >= 0) {
			return new Address(parseIpv6(literal), 128);
		}
		if (literal.indexOf('.') < 0) {
			throw new IllegalArgumentException(
					"it is neither an IPv4 address like 10.0.0.0/8 nor an IPv6 address like 2001:db8::/32");
		}
		return new Address(BigInteger.valueOf(parseIpv4(literal)), 32);
	}

	static String format(BigInteger value, int bits) {
		if (bits == 32) {
			long v = value.longValue();
			return (v >> 24 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 8 & 0xff) + "." + (v & 0xff);
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
		}
		return formatIpv6(groups);
	}

	/**
	 * RFC 5952 text: lower-case hex, no leading zeros, the first longest run of two or
	 * more zero groups written as "::".
	 */
	private static String formatIpv6(int[] groups) {
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8; i++) {
			int length = 0;
			while (i + length < 8 && groups[i + length] == 0) {
				length++;
			}
			if (length > bestLength) {
				bestStart = i;
				bestLength = length;
			}
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

	private static long parseIpv4(String literal) {
		String[] parts = literal.split("\\.", -1);
		if (parts.length != 4) {
			throw new IllegalArgumentException("an IPv4 address is four numbers separated by dots, like 10.0.0.0, but "
					+ literal + " has " + parts.length);
		}
		long value = 0;
		for (String part : parts) {
			// Leading zeros are read as decimal, as Kubernetes reads them.
			if (part.isEmpty() || part.length() > 3 || !digits(part)) {
				throw new IllegalArgumentException(
						"each part of an IPv4 address is a number from 0 to 255, and \"" + part + "\" is not");
			}
			int number = Integer.parseInt(part);
			if (number > 255) {
				throw new IllegalArgumentException(
						"each part of an IPv4 address is a number from 0 to 255, and " + number + " is not");
			}
			value = value << 8 | number;
		}
		return value;
	}

	private static BigInteger parseIpv6(String literal) {
		if (literal.indexOf('%') >= 0) {
			throw new IllegalArgumentException("an IPv6 zone such as %eth0 is not allowed");
		}
		int gap = literal.indexOf("::");
		if (gap >= 0 && literal.indexOf("::", gap + 1) >= 0) {
			throw new IllegalArgumentException("\"::\" may appear only once in an IPv6 address");
		}
		String head = (gap >= 0) ? literal.substring(0, gap) : literal;
		String tail = (gap >= 0) ? literal.substring(gap + 2) : "";
		int[] headGroups = groups(head, gap < 0);
		int[] tailGroups = groups(tail, true);
		int count = headGroups.length + tailGroups.length;
		if (gap < 0 && count != 8) {
			throw new IllegalArgumentException("an IPv6 address is eight groups of hex digits separated by colons,"
					+ " or fewer with \"::\" for a run of zero groups, but " + literal + " has " + count);
		}
		if (gap >= 0 && count > 7) {
			throw new IllegalArgumentException("an IPv6 address with \"::\" has at most seven other groups");
		}
		int[] all = new int[8];
		System.arraycopy(headGroups, 0, all, 0, headGroups.length);
		System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
		BigInteger value = BigInteger.ZERO;
		for (int group : all) {
			value = value.shiftLeft(16).or(BigInteger.valueOf(group));
		}
		return value;
	}

	/**
	 * The 16-bit groups of one side of "::"; the last part may be an embedded IPv4
	 * address (two groups) when {@code mayEndWithIpv4}.
	 */
	private static int[] groups(String side, boolean mayEndWithIpv4) {
		if (side.isEmpty()) {
			return new int[0];
		}
		String[] parts = side.split(":", -1);
		String last = parts[parts.length - 1];
		boolean embedded = mayEndWithIpv4 && last.indexOf('.') >= 0;
		int[] groups = new int[parts.length + (embedded ? 1 : 0)];
		for (int i = 0; i < parts.length - (embedded ? 1 : 0); i++) {
			groups[i] = hexGroup(parts[i]);
		}
		if (embedded) {
			long ipv4 = parseIpv4(last);
			groups[groups.length - 2] = (int) (ipv4 >> 16);
			groups[groups.length - 1] = (int) (ipv4 & 0xffff);
		}
		return groups;
	}

	private static int hexGroup(String part) {
		if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpLiterals::isHexDigit)) {
			throw new IllegalArgumentException(
					"each group of an IPv6 address is 1 to 4 hex digits, and \"" + part + "\" is not");
		}
		return Integer.parseInt(part, 16);
	}

	static boolean digits(String text) {
		return !text.isEmpty() && text.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

	private static boolean isHexDigit(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
