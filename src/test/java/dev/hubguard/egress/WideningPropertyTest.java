package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/**
 * The classifier against brute force: for random pairs of policies (many of them near
 * misses of each other), {@link EgressPolicy#widens} says yes exactly when some sampled
 * (address, protocol, port) is let through by what {@code after} renders and not by what
 * {@code before} renders. The samples hold the first address of every stretch the
 * rendered ranges and excepts cut the address space into, and the first port of every
 * stretch of the port ranges, for TCP, UDP, SCTP and a portless protocol, plus random
 * ones: so a widening is never missed. Tries: {@code jqwik.tries.default} (2000 in
 * {@code junit-platform.properties}; {@code -Djqwik.tries.default=1000000} for a long
 * run).
 */
class WideningPropertyTest {

	static final List<String> IPV4 = List.of("8.8.8.8", "8.8.4.4", "203.0.113.77", "0.0.0.0", "10.1.2.3", "172.16.5.4",
			"192.168.1.1", "169.254.169.254", "100.64.1.1", "128.0.0.1");

	static final List<String> IPV6 = List.of("2001:db8::1", "2001:db8:1::1", "::", "::ffff:8.8.8.8", "::ffff:10.0.0.1",
			"64:ff9b::8.8.8.8", "2002:808:808::1", "fd12::1", "fe80::1", "fd00:ec2::254", "2600::1", "8000::");

	static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP", "ICMP");

	@Property
	void widensExactlyWhenSomethingNewIsRendered(@ForAll("pairs") Tuple2<EgressPolicy, EgressPolicy> pair,
			@ForAll long seed) {
		EgressPolicy before = pair.get1();
		EgressPolicy after = pair.get2();

		boolean widens = after.widens(before);

		assertThat(widens).as("%s → %s", before, after).isEqualTo(bruteForceWidens(before, after, new Random(seed)));
		Statistics.label("widens").collect(widens);
		// Both answers must come up often, or the comparison proves little.
		Statistics.label("widens").coverage(coverage -> {
			coverage.check(true).percentage(p -> p > 10);
			coverage.check(false).percentage(p -> p > 10);
		});
	}

	@Property
	void everyRenderedExceptIsStrictlyInsideItsCidr(@ForAll("policies") EgressPolicy policy) {
		for (IPBlock block : blocks(EgressRenderer.rules(policy))) {
			Cidr cidr = Cidr.parse(block.getCidr());
			for (String except : block.getExcept()) {
				Cidr carved = Cidr.parse(except);
				assertThat(cidr.contains(carved) && !carved.equals(cidr)).as("%s except %s", cidr, carved).isTrue();
			}
		}
	}

	@Provide
	Arbitrary<Tuple2<EgressPolicy, EgressPolicy>> pairs() {
		Arbitrary<EgressPolicy> before = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(null)),
				Tuple.of(9, policies()));
		return before.flatMap(b -> Arbitraries.frequencyOf(Tuple.of(1, policies()), Tuple.of(2, variants(b)))
			.map(a -> Tuple.of(b, a)));
	}

	@Provide
	Arbitrary<EgressPolicy> policies() {
		Arbitrary<List<AllowRule>> rules = Combinators
			.combine(rules().list().ofMinSize(1).ofMaxSize(3), Arbitraries.integers().between(0, 2))
			.as(WideningPropertyTest::withNeighbour);
		return Combinators.combine(Arbitraries.of(AccessMode.class), Arbitraries.of(true, false), rules)
			.as(WideningPropertyTest::policy);
	}

	/** Policies near {@code before}: its rules a little narrower, wider or shifted. */
	Arbitrary<EgressPolicy> variants(EgressPolicy before) {
		List<AllowRule> rules = before == null ? List.of() : before.effectiveRules();
		if (rules.isEmpty()) {
			return policies();
		}
		List<Arbitrary<AllowRule>> changed = rules.stream().map(this::variant).toList();
		Arbitrary<List<AllowRule>> all = Combinators.combine(changed).as(List::copyOf);
		Arbitrary<List<AllowRule>> some = all
			.flatMap(list -> Arbitraries.subsetOf(list).map(List::copyOf).filter(subset -> !subset.isEmpty()));
		Arbitrary<Boolean> allowPrivate = Arbitraries.frequency(Tuple.of(4, before.allowPrivate()),
				Tuple.of(1, !before.allowPrivate()));
		return Combinators.combine(allowPrivate, some).as((priv, list) -> policy(AccessMode.ALLOWLIST, priv, list));
	}

	Arbitrary<AllowRule> variant(AllowRule rule) {
		Cidr range = Cidr.parse(rule.cidr());
		Arbitrary<String> cidr = Arbitraries
			.frequencyOf(Tuple.of(5, Arbitraries.just(0)), Tuple.of(3, Arbitraries.integers().between(1, 3)),
					Tuple.of(2, Arbitraries.just(-1)))
			.map(d -> new Cidr(range.network(), Math.max(0, Math.min(range.bits(), range.prefixLength() + d)),
					range.bits())
				.toString());
		Arbitrary<String> protocol = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(rule.protocol())),
				Tuple.of(1, Arbitraries.of("TCP", "UDP", "SCTP", "ANY")));
		Arbitrary<Integer> nudge = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)),
				Tuple.of(1, Arbitraries.of(-1, 1)));
		Arbitrary<Boolean> allPorts = Arbitraries.frequency(Tuple.of(7, rule.allPorts()),
				Tuple.of(1, !rule.allPorts()));
		return Combinators.combine(cidr, protocol, nudge, nudge, allPorts).as((c, p, low, high, all) -> {
			if (all) {
				return new AllowRule(c, p, null, null, "r");
			}
			int from = rule.allPorts() ? 53 : Math.max(1, Math.min(65535, rule.lowPort() + low));
			int to = rule.allPorts() ? 53 : Math.max(from, Math.min(65535, rule.highPort() + high));
			return new AllowRule(c, p, from, to, "r");
		});
	}

	Arbitrary<AllowRule> rules() {
		Arbitrary<String> ipv4 = Combinators.combine(Arbitraries.of(IPV4), Arbitraries.integers().between(0, 32))
			.as((a, p) -> a + "/" + p);
		Arbitrary<String> ipv6 = Combinators.combine(Arbitraries.of(IPV6), Arbitraries.integers().between(0, 128))
			.as((a, p) -> a + "/" + p);
		Arbitrary<String> cidr = Arbitraries.oneOf(ipv4, ipv6);
		Arbitrary<String> protocol = Arbitraries.of("TCP", "UDP", "SCTP", "ANY");
		Arbitrary<Integer> port = Arbitraries.oneOf(Arbitraries.of(1, 22, 53, 80, 443, 444, 8000, 65535),
				Arbitraries.integers().between(1, 65535));
		Arbitrary<Integer> span = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
				Tuple.of(1, Arbitraries.integers().between(1, 2000)));
		Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
		return Combinators.combine(cidr, protocol, port, span, kind).as((c, p, from, s, k) -> {
			if (k == 0) {
				return new AllowRule(c, p, null, null, "r");
			}
			return new AllowRule(c, p, from, s == 0 ? null : Math.min(65535, from + s), "r");
		});
	}

	/**
	 * The rules, sometimes with a neighbour of the first: the other half of its range (0)
	 * or the ports right after its own (1), so that only two entries together cover what
	 * a wider request asks.
	 */
	static List<AllowRule> withNeighbour(List<AllowRule> rules, int kind) {
		AllowRule first = rules.get(0);
		Cidr range = Cidr.parse(first.cidr());
		List<AllowRule> all = new ArrayList<>(rules);
		if (kind == 0 && range.prefixLength() > 0) {
			BigInteger sibling = range.network().flipBit(range.bits() - range.prefixLength());
			all.add(new AllowRule(new Cidr(sibling, range.prefixLength(), range.bits()).toString(), first.protocol(),
					first.port(), first.endPort(), "r"));
		}
		if (kind == 1 && !first.allPorts() && first.highPort() < 65535) {
			int from = first.highPort() + 1;
			all.add(new AllowRule(first.cidr(), first.protocol(), from, Math.min(65535, from + 100), "r"));
		}
		return all;
	}

	/** A valid policy: entries the validator refuses (forbidden ranges) are left out. */
	static EgressPolicy policy(AccessMode mode, boolean allowPrivate, List<AllowRule> rules) {
		if (mode != AccessMode.ALLOWLIST) {
			return EgressPolicyValidator.validate(mode, allowPrivate, List.of());
		}
		List<AllowRule> valid = new ArrayList<>();
		for (AllowRule rule : rules) {
			try {
				valid.addAll(EgressPolicyValidator.validate(mode, allowPrivate, List.of(rule)).rules());
			}
			catch (RuntimeException refused) {
				// a forbidden range: not a policy anyone can have
			}
		}
		return valid.isEmpty() ? EgressPolicyValidator.validate(AccessMode.BLOCKED, allowPrivate, List.of())
				: EgressPolicyValidator.validate(mode, allowPrivate, valid);
	}

	/**
	 * Kubernetes semantics, spelt out: some rule has a peer and a port entry that match.
	 */
	static boolean allowed(List<NetworkPolicyEgressRule> rules, int bits, BigInteger address, String protocol,
			int port) {
		for (NetworkPolicyEgressRule rule : rules) {
			boolean peer = false;
			for (NetworkPolicyPeer to : rule.getTo()) {
				Cidr cidr = Cidr.parse(to.getIpBlock().getCidr());
				peer |= cidr.bits() == bits && cidr.containsValue(address)
						&& to.getIpBlock()
							.getExcept()
							.stream()
							.map(Cidr::parse)
							.noneMatch(e -> e.bits() == bits && e.containsValue(address));
			}
			boolean ports = rule.getPorts().isEmpty();
			for (NetworkPolicyPort entry : rule.getPorts()) {
				ports |= entry.getProtocol().equals(protocol) && (entry.getPort() == null || (entry.getPort()
					.getIntVal() <= port
						&& port <= (entry.getEndPort() == null ? entry.getPort().getIntVal() : entry.getEndPort())));
			}
			if (peer && ports) {
				return true;
			}
		}
		return false;
	}

	static boolean bruteForceWidens(EgressPolicy before, EgressPolicy after, Random random) {
		List<NetworkPolicyEgressRule> old = EgressRenderer.rules(before);
		List<NetworkPolicyEgressRule> now = EgressRenderer.rules(after);
		List<NetworkPolicyEgressRule> both = new ArrayList<>(old);
		both.addAll(now);
		TreeSet<Integer> ports = new TreeSet<>(List.of(1, 65535));
		for (NetworkPolicyEgressRule rule : both) {
			for (NetworkPolicyPort port : rule.getPorts()) {
				if (port.getPort() != null) {
					int from = port.getPort().getIntVal();
					int to = port.getEndPort() == null ? from : port.getEndPort();
					ports.addAll(List.of(from, Math.min(65535, to + 1)));
				}
			}
		}
		for (int i = 0; i < 3; i++) {
			ports.add(1 + random.nextInt(65535));
		}
		for (int bits : new int[] { 32, 128 }) {
			TreeSet<BigInteger> addresses = new TreeSet<>();
			BigInteger end = BigInteger.ONE.shiftLeft(bits);
			for (IPBlock block : blocks(both)) {
				List<Cidr> ranges = new ArrayList<>(block.getExcept().stream().map(Cidr::parse).toList());
				ranges.add(Cidr.parse(block.getCidr()));
				for (Cidr range : ranges) {
					if (range.bits() == bits) {
						addresses.add(range.first());
						addresses.add(range.last().add(BigInteger.ONE).min(end.subtract(BigInteger.ONE)));
					}
				}
			}
			for (int i = 0; i < 3; i++) {
				addresses.add(new BigInteger(bits, random));
			}
			for (BigInteger address : addresses) {
				for (String protocol : PROTOCOLS) {
					for (int port : ports) {
						if (allowed(now, bits, address, protocol, port)
								&& !allowed(old, bits, address, protocol, port)) {
							return true;
						}
					}
				}
			}
		}
		return false;
	}

	static List<IPBlock> blocks(List<NetworkPolicyEgressRule> rules) {
		return rules.stream().flatMap(rule -> rule.getTo().stream()).map(NetworkPolicyPeer::getIpBlock).toList();
	}

}
