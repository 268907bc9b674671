package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import dev.hubguard.support.Properties;
import org.junit.jupiter.api.Test;

/**
 * The classifier against brute force: for random pairs of policies (many of them near
 * misses of each other), {@link EgressPolicy#widens} says yes exactly when some sampled
 * (address, protocol, port) is let through by what {@code after} renders and not by what
 * {@code before} renders. The samples hold the first address of every stretch the
 * rendered ranges and excepts cut the address space into, and the first port of every
 * stretch of the port ranges, for TCP, UDP, SCTP and a portless protocol, plus random
 * ones: so a widening is never missed.
 * <p>
 * Plain JUnit with a seeded {@link SplittableRandom}: tries per property from
 * {@code -Dhubguard.property.tries=N} (2000 unless told; bench/egress-classifier.sh runs
 * 1,000,000), the seed from {@code -Dhubguard.property.seed=S} (a fresh one unless told),
 * read by {@link Properties} (both properties here count as costly:
 * {@code -Dhubguard.property.costly-tries=N} sets their tries apart). Every try draws
 * from its own generator split off the seeded one in order, so a failure, which names the
 * seed, the try and the failing policies, comes back with the same seed. Nothing is
 * shrunk.
 */
class WideningPropertyTest {

	static final int TRIES = Properties.COSTLY_TRIES;

	static final long SEED = Properties.SEED;

	static final List<String> IPV4 = List.of("8.8.8.8", "8.8.4.4", "203.0.113.77", "0.0.0.0", "10.1.2.3", "172.16.5.4",
			"192.168.1.1", "169.254.169.254", "100.64.1.1", "128.0.0.1", "127.0.0.1", "100.100.100.200");

	static final List<String> IPV6 = List.of("2001:db8::1", "2001:db8:1::1", "::", "::ffff:8.8.8.8", "::ffff:10.0.0.1",
			"64:ff9b::8.8.8.8", "2002:808:808::1", "fd12::1", "fe80::1", "fd00:ec2::254", "2600::1", "8000::", "::1",
			"::a9fe:a9fe", "::ffff:0:808:808", "64:ff9b:1::808:808");

	static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP", "ICMP");

	static final List<String> RULE_PROTOCOLS = List.of("TCP", "UDP", "SCTP", "ANY");

	static final List<Integer> PORTS = List.of(1, 22, 53, 80, 443, 444, 8000, 65535);

	@Test
	void widensExactlyWhenSomethingNewIsRendered() {
		long start = System.nanoTime();
		SplittableRandom tries = new SplittableRandom(SEED);
		int widening = 0;
		for (int i = 1; i <= TRIES; i++) {
			SplittableRandom random = tries.split();
			EgressPolicy before = null;
			EgressPolicy after = null;
			try {
				before = pair(random);
				after = (random.nextInt(3) < 1) ? policies(random) : variants(random, before);
				boolean widens = after.widens(before);
				boolean expected = bruteForceWidens(before, after, new Random(random.nextLong()));
				if (widens != expected) {
					throw new AssertionError("widens() says " + widens + ", the brute force says " + expected);
				}
				widening += widens ? 1 : 0;
			}
			catch (AssertionError | RuntimeException failure) {
				throw failed("widensExactlyWhenSomethingNewIsRendered", i,
						"\n  before: " + before + "\n  after:  " + after, failure);
			}
		}
		// Both answers must come up often, or the comparison proves little.
		double share = 100.0 * widening / TRIES;
		String statistics = String.format("widens: true %.1f%% (%d), false %.1f%% (%d) of %d tries, seed %d", share,
				widening, 100 - share, TRIES - widening, TRIES, SEED);
		System.out.println("[WideningPropertyTest] " + statistics);
		printRun("classifier: widens exactly when brute force finds something new", start);
		assertThat(share).as("share of widening pairs; %s", statistics).isGreaterThan(10);
		assertThat(100 - share).as("share of pairs that do not widen; %s", statistics).isGreaterThan(10);
	}

	@Test
	void everyRenderedExceptIsStrictlyInsideItsCidr() {
		long start = System.nanoTime();
		SplittableRandom tries = new SplittableRandom(SEED);
		for (int i = 1; i <= TRIES; i++) {
			SplittableRandom random = tries.split();
			EgressPolicy policy = null;
			try {
				policy = policies(random);
				for (IPBlock block : blocks(EgressRenderer.rules(policy))) {
					Cidr cidr = Cidr.parse(block.getCidr());
					for (String except : block.getExcept()) {
						Cidr carved = Cidr.parse(except);
						assertThat(cidr.contains(carved) && !carved.equals(cidr)).as("%s except %s", cidr, carved)
							.isTrue();
					}
				}
			}
			catch (AssertionError | RuntimeException failure) {
				throw failed("everyRenderedExceptIsStrictlyInsideItsCidr", i, "\n  policy: " + policy, failure);
			}
		}
		printRun("renderer: every except strictly inside its cidr", start);
	}

	/** The line bench/properties.sh adds up, as {@link Properties#check} prints it. */
	static void printRun(String property, long start) {
		System.out.printf("[property] %s: %d tries in %d ms, seed %d%n", property, TRIES,
				(System.nanoTime() - start) / 1_000_000, SEED);
	}

	/** The failure of one try: what to replay it with, the sample, then the cause. */
	static AssertionError failed(String property, int attempt, String sample, Throwable failure) {
		return new AssertionError(String.format(
				"%s failed on try %d of %d with seed %d (replay: -Dhubguard.property.seed=%d)%s%n  failure: %s",
				property, attempt, TRIES, SEED, SEED, sample, failure.getMessage()), failure);
	}

	/** {@code before}: no policy at all 1 time in 10, else a random one. */
	static EgressPolicy pair(RandomGenerator random) {
		return (random.nextInt(10) < 1) ? null : policies(random);
	}

	static EgressPolicy policies(RandomGenerator random) {
		int size = random.nextInt(1, 4);
		List<AllowRule> rules = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			rules.add(rules(random));
		}
		List<AllowRule> all = withNeighbour(rules, random.nextInt(0, 3));
		return policy(oneOf(random, List.of(AccessMode.values())), random.nextBoolean(), all);
	}

	/**
	 * Policies near {@code before}: its rules a little narrower, wider or shifted, a
	 * non-empty subset of them (each size alike likely), {@code allowPrivate} flipped 1
	 * time in 5.
	 */
	static EgressPolicy variants(RandomGenerator random, EgressPolicy before) {
		List<AllowRule> rules = (before == null) ? List.of() : before.effectiveRules();
		if (rules.isEmpty()) {
			return policies(random);
		}
		List<AllowRule> changed = new ArrayList<>();
		for (AllowRule rule : rules) {
			changed.add(variant(random, rule));
		}
		List<AllowRule> distinct = new ArrayList<>(new LinkedHashSet<>(changed));
		int size = random.nextInt(1, distinct.size() + 1);
		Collections.shuffle(distinct, random);
		List<AllowRule> some = List.copyOf(distinct.subList(0, size));
		boolean allowPrivate = (random.nextInt(5) < 4) ? before.allowPrivate() : !before.allowPrivate();
		return policy(AccessMode.ALLOWLIST, allowPrivate, some);
	}

	/**
	 * A rule near {@code rule}: the prefix kept 5 times in 10, longer by 1 to 3 bits 3
	 * times, shorter by one 2 times; the protocol kept half the time, else any; each end
	 * of the ports kept 2 times in 3, else moved by one; all ports flipped 1 time in 8.
	 */
	static AllowRule variant(RandomGenerator random, AllowRule rule) {
		Cidr range = Cidr.parse(rule.cidr());
		int weight = random.nextInt(10);
		int d = (weight < 5) ? 0 : (weight < 8) ? random.nextInt(1, 4) : -1;
		String c = new Cidr(range.network(), Math.max(0, Math.min(range.bits(), range.prefixLength() + d)),
				range.bits())
			.toString();
		String p = random.nextBoolean() ? rule.protocol() : oneOf(random, RULE_PROTOCOLS);
		int low = nudge(random);
		int high = nudge(random);
		boolean all = (random.nextInt(8) < 7) ? rule.allPorts() : !rule.allPorts();
		if (all) {
			return new AllowRule(c, p, null, null, "r");
		}
		int from = rule.allPorts() ? 53 : Math.max(1, Math.min(65535, rule.lowPort() + low));
		int to = rule.allPorts() ? 53 : Math.max(from, Math.min(65535, rule.highPort() + high));
		return new AllowRule(c, p, from, to, "r");
	}

	/** 0 two times in 3, else -1 or 1. */
	static int nudge(RandomGenerator random) {
		return (random.nextInt(3) < 2) ? 0 : random.nextBoolean() ? -1 : 1;
	}

	/**
	 * A random rule: IPv4 or IPv6 alike likely, any prefix length; any protocol; a port
	 * from a list of usual ones or any, half the time each; a single port 3 times in 4,
	 * else a range of up to 2000 more; all ports 1 time in 4.
	 */
	static AllowRule rules(RandomGenerator random) {
		String c = random.nextBoolean() ? oneOf(random, IPV4) + "/" + random.nextInt(0, 33)
				: oneOf(random, IPV6) + "/" + random.nextInt(0, 129);
		String p = oneOf(random, RULE_PROTOCOLS);
		int from = random.nextBoolean() ? oneOf(random, PORTS) : random.nextInt(1, 65536);
		int s = (random.nextInt(4) < 3) ? 0 : random.nextInt(1, 2001);
		int k = random.nextInt(0, 4);
		if (k == 0) {
			return new AllowRule(c, p, null, null, "r");
		}
		return new AllowRule(c, p, from, (s == 0) ? null : Math.min(65535, from + s), "r");
	}

	static <T> T oneOf(RandomGenerator random, List<T> values) {
		return values.get(random.nextInt(values.size()));
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
				Cidr cidr = parsed(to.getIpBlock().getCidr());
				peer |= cidr.bits() == bits && cidr.containsValue(address)
						&& to.getIpBlock()
							.getExcept()
							.stream()
							.map(WideningPropertyTest::parsed)
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

	/**
	 * The most recently read CIDRs: the brute force reads the same ipBlocks and excepts
	 * for every sampled address, and parsing dominated its time.
	 */
	private static final Map<String, Cidr> PARSED = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Cidr> eldest) {
			return size() > 10_000;
		}

	};

	static Cidr parsed(String text) {
		return PARSED.computeIfAbsent(text, Cidr::parse);
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
