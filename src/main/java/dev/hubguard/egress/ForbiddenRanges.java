package dev.hubguard.egress;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges the portal never opens, and those it opens only with private
 * addresses allowed, in every spelling a user server could reach them by. Never: the
 * cloud metadata servers, link-local, loopback and "this network" addresses. Only with
 * private addresses: the private IPv4 ranges, the shared address space, IPv6 unique-local
 * addresses and the local-use NAT64 prefix ({@code 64:ff9b:1::/48}, laid out as each
 * operator chooses). Plus the IPv4-compatible ({@code ::/96}), IPv4-mapped
 * ({@code ::ffff:0:0/96}), SIIT ({@code ::ffff:0:0:0/96}), NAT64 ({@code 64:ff9b::/96})
 * and 6to4 ({@code 2002::/16}) forms of every forbidden IPv4 range. A requested range
 * inside one is refused; a range holding some is rendered with them excepted.
 */
final class ForbiddenRanges {

	/**
	 * One forbidden range.
	 *
	 * @param range the addresses
	 * @param always true when even allowing private addresses does not open it
	 * @param what what it is, for a person
	 */
	record Forbidden(Cidr range, boolean always, String what) {
	}

	private static final List<Forbidden> ALWAYS_IPV4 = List.of(
			new Forbidden(Cidr.parse("169.254.0.0/16"), true, "link-local addresses with the cloud metadata server"),
			new Forbidden(Cidr.parse("100.100.100.200/32"), true, "the cloud metadata server (Alibaba Cloud)"),
			new Forbidden(Cidr.parse("127.0.0.0/8"), true, "loopback addresses"),
			new Forbidden(Cidr.parse("0.0.0.0/8"), true, "\"this network\" addresses"));

	private static final List<Forbidden> PRIVATE_IPV4 = privateIpv4();

	private static final List<Forbidden> ALWAYS_IPV6 = List.of(
			new Forbidden(Cidr.parse("fd00:ec2::254/128"), true, "the cloud metadata server (AWS, IPv6)"),
			new Forbidden(Cidr.parse("fd20:ce::254/128"), true, "the cloud metadata server (GCP, IPv6)"),
			new Forbidden(Cidr.parse("fe80::/10"), true, "IPv6 link-local addresses"),
			new Forbidden(Cidr.parse("::1/128"), true, "the IPv6 loopback address"));

	private static final List<Forbidden> PRIVATE_IPV6 = List
		.of(new Forbidden(Cidr.parse("fc00::/7"), false, "the private (unique-local) IPv6 range"), new Forbidden(
				Cidr.parse("64:ff9b:1::/48"), false, "the local-use NAT64 range, whose layout each network chooses"));

	/** IPv6 prefixes that carry an IPv4 address, and the bit where it starts. */
	private record Embedding(String name, Cidr prefix, int shift) {
	}

	private static final List<Embedding> EMBEDDINGS = List.of(new Embedding("IPv4-compatible", Cidr.parse("::/96"), 0),
			new Embedding("IPv4-mapped", Cidr.parse("::ffff:0:0/96"), 0),
			new Embedding("SIIT", Cidr.parse("::ffff:0:0:0/96"), 0),
			new Embedding("NAT64", Cidr.parse("64:ff9b::/96"), 0), new Embedding("6to4", Cidr.parse("2002::/16"), 80));

	private static final List<Forbidden> ALWAYS = all(true);

	private static final List<Forbidden> UNLESS_PRIVATE_ALLOWED = all(false);

	private ForbiddenRanges() {
	}

	/**
	 * What is forbidden with private addresses allowed or not; those forbidden always
	 * come first.
	 */
	static List<Forbidden> of(boolean allowPrivate) {
		return allowPrivate ? ALWAYS : UNLESS_PRIVATE_ALLOWED;
	}

	/** The forbidden range that holds all of {@code requested}, if one does. */
	static Optional<Forbidden> enclosing(Cidr requested, boolean allowPrivate) {
		return of(allowPrivate).stream().filter(f -> f.range().contains(requested)).findFirst();
	}

	/**
	 * The forbidden ranges strictly inside {@code range}, none inside another, in address
	 * order: what an ipBlock of {@code range} must except.
	 */
	static List<Cidr> inside(Cidr range, boolean allowPrivate) {
		List<Cidr> inside = of(allowPrivate).stream()
			.map(Forbidden::range)
			.filter(f -> range.contains(f) && !f.equals(range))
			.distinct()
			.toList();
		return inside.stream()
			.filter(f -> inside.stream().noneMatch(other -> !other.equals(f) && other.contains(f)))
			.sorted(Comparator.comparing(Cidr::network).thenComparing(Cidr::prefixLength))
			.toList();
	}

	private static List<Forbidden> privateIpv4() {
		List<Forbidden> ranges = new ArrayList<>();
		EgressPolicy.PRIVATE_RANGES
			.forEach(range -> ranges.add(new Forbidden(Cidr.parse(range), false, "a private address range")));
		ranges.add(new Forbidden(Cidr.parse("100.64.0.0/10"), false, "the shared address space for carrier-grade NAT"));
		return List.copyOf(ranges);
	}

	private static List<Forbidden> all(boolean allowPrivate) {
		List<Forbidden> ipv4 = new ArrayList<>(ALWAYS_IPV4);
		List<Forbidden> ipv6 = new ArrayList<>(ALWAYS_IPV6);
		if (!allowPrivate) {
			ipv4.addAll(PRIVATE_IPV4);
			ipv6.addAll(PRIVATE_IPV6);
		}
		List<Forbidden> all = new ArrayList<>();
		all.addAll(ipv4);
		all.addAll(ipv6);
		for (Forbidden forbidden : ipv4) {
			for (Embedding embedding : EMBEDDINGS) {
				Cidr v4 = forbidden.range();
				BigInteger network = embedding.prefix().network().or(v4.network().shiftLeft(embedding.shift()));
				Cidr embedded = new Cidr(network, embedding.prefix().prefixLength() + v4.prefixLength(), 128);
				all.add(new Forbidden(embedded, forbidden.always(),
						"the " + embedding.name() + " form of " + v4 + ", " + forbidden.what()));
			}
		}
		all.sort(Comparator.comparing((Forbidden f) -> !f.always()));
		return List.copyOf(all);
	}

}
