package dev.hubguard.hub;

import java.util.regex.Pattern;

/** How a hub is addressed everywhere: {@code cluster/hub}. */
public record HubRef(String cluster, String hub) implements Comparable<HubRef> {

	private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	public HubRef {
		if (!isValidName(cluster) || !isValidName(hub)) {
			throw new IllegalArgumentException("cluster and hub names are DNS labels: " + cluster + "/" + hub);
		}
	}

	public static boolean isValidName(String name) {
		return name != null && NAME.matcher(name).matches();
	}

	public static HubRef parse(String ref) {
		int slash = ref == null ? -1 : ref.indexOf('/');
		if (slash < 0) {
			throw new Malformed(ref);
		}
		return new HubRef(ref.substring(0, slash), ref.substring(slash + 1));
	}

	/** A hub reference without its cluster part: says what is expected. */
	public static final class Malformed extends IllegalArgumentException {

		Malformed(String ref) {
			super("A hub is named cluster/hub, like 2i2c/mtu"
					+ (ref == null || ref.isBlank() ? "." : ", not \"" + ref + "\"."));
		}

	}

	@Override
	public String toString() {
		return cluster + "/" + hub;
	}

	@Override
	public int compareTo(HubRef other) {
		// As toString().compareTo(other.toString()), without building either string:
		// lists
		// of hubs are sorted on every page.
		int length = length();
		int otherLength = other.length();
		for (int i = 0, n = Math.min(length, otherLength); i < n; i++) {
			char mine = charAt(i);
			char theirs = other.charAt(i);
			if (mine != theirs) {
				return mine - theirs;
			}
		}
		return length - otherLength;
	}

	private int length() {
		return cluster.length() + 1 + hub.length();
	}

	private char charAt(int index) {
		if (index < cluster.length()) {
			return cluster.charAt(index);
		}
		return index == cluster.length() ? '/' : hub.charAt(index - cluster.length() - 1);
	}

}
