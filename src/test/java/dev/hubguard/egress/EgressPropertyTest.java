package dev.hubguard.egress;

import static dev.hubguard.support.Properties.check;
import static dev.hubguard.support.Properties.checkCostly;
import static dev.hubguard.support.Properties.garbage;
import static dev.hubguard.support.Properties.nearMiss;
import static dev.hubguard.support.Properties.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.shared.InvalidInputException;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Generated inputs, valid, near-valid and garbage, for the CIDR parser, the policy
 * validator, the renderer and the widening classifier: nothing throws but the documented
 * refusal ({@link IllegalArgumentException} from {@link Cidr#parse},
 * {@link InvalidInputException} naming the field from the validator), and what is
 * accepted keeps its promises. Run as described in
 * {@link dev.hubguard.support.Properties} (bench/properties.sh runs a million inputs).
 */
class EgressPropertyTest {

	static final BigInteger V4_END = BigInteger.ONE.shiftLeft(32);

	static final BigInteger V6_END = BigInteger.ONE.shiftLeft(128);

	/** Addresses near the edges of what the portal forbids or treats specially. */
	static final List<String> INTERESTING = List.of("169.254.169.254", "169.254.0.0", "169.253.255.255", "169.255.0.0",
			"10.0.0.0", "9.255.255.255", "11.0.0.0", "172.16.0.0", "172.31.255.255", "172.32.0.0", "192.168.0.0",
			"192.167.255.255", "0.0.0.0", "255.255.255.255", "::", "::1", "::ffff:169.254.169.254", "::ffff:10.0.0.1",
			"64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::", "2002:a00::", "fd00:ec2::254", "fd20:ce::254", "fe80::",
			"febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fc00::", "fdff::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
			"127.0.0.0", "126.255.255.255", "128.0.0.0", "0.255.255.255", "1.0.0.0", "100.64.0.0", "100.63.255.255",
			"100.127.255.255", "100.128.0.0", "100.100.100.200", "::a9fe:a9fe", "::ffff:ffff", "::1:0:0",
			"::ffff:0:a9fe:a9fe", "::ffff:0:0:0", "::ffff:0:ffff:ffff", "::ffff:100.100.100.200", "64:ff9b:1::",
			"64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "2002:6464:64c8::", "2002:7f00::");

	/** Addresses no rendered policy may ever reach. */
	static final List<String> NEVER_OPEN = List.of("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "fd20:ce::254",
			"::ffff:169.254.169.254", "64:ff9b::169.254.169.254", "2002:a9fe:a9fe::1", "fe80::1", "100.100.100.200",
			"127.0.0.1", "0.0.0.0", "::1", "::", "::a9fe:a9fe", "::ffff:0:a9fe:a9fe", "::ffff:100.100.100.200",
			"::100.100.100.200", "64:ff9b::6464:64c8", "2002:6464:64c8::1", "::ffff:127.0.0.1", "::127.0.0.1",
			"::ffff:0:127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::");

	/** Addresses a policy reaches only with private addresses allowed. */
	static final List<String> PRIVATE = List.of("10.0.0.1", "172.16.0.1", "192.168.1.1", "fd12::1", "::ffff:10.0.0.1",
			"64:ff9b::c0a8:101", "2002:ac10:1::1", "100.64.0.1", "100.127.255.254", "::ffff:100.64.0.1", "::100.64.0.1",
			"::ffff:0:100.64.0.1", "::10.0.0.1", "::ffff:0:10.0.0.1", "64:ff9b:1::1", "64:ff9b:1::a9fe:a9fe");

	static final Pattern PLAIN_IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,3})?");

	static final Pattern PLAIN_IPV6 = Pattern.compile("[0-9a-fA-F:.]+(/\\d{1,3})?");

	record Address(BigInteger value, int bits) {
	}

	static Address address(SplittableRandom random) {
		if (random.nextInt(4) == 0) {
			Cidr known = Cidr.parse(oneOf(random, INTERESTING.toArray(String[]::new)));
			BigInteger nudge = BigInteger.valueOf(random.nextInt(-1, 2));
			BigInteger end = known.bits() == 32 ? V4_END : V6_END;
			return new Address(known.network().add(nudge).mod(end), known.bits());
		}
		return random.nextBoolean() ? new Address(BigInteger.valueOf(random.nextLong(1L << 32)), 32)
				: new Address(new BigInteger(128, new java.util.Random(random.nextLong())), 128);
	}

	/** The address written as a person might: any IPv6 spelling, any case. */
	static String spell(SplittableRandom random, Address address) {
		if (address.bits() == 32) {
			long v = address.value().longValue();
			return (v >>> 24) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
		}
		IPv6Address six = new IPv6Address(address.value());
		String text = switch (random.nextInt(4)) {
			case 0 -> six.toFullString();
			case 1 -> six.toCompressedString();
			case 2 -> six.toMixedString();
			default -> six.toCanonicalString();
		};
		return random.nextBoolean() ? text.toUpperCase(Locale.ROOT) : text;
	}

	static String validCidr(SplittableRandom random) {
		Address address = address(random);
		return spell(random, address) + "/" + random.nextInt(address.bits() + 1);
	}

	@Test
	void aParsedCidrRoundTripsAndHoldsItsAddressAndNothingPastItsEnds() {
		check("cidr: parse(toString) round-trips, holds its address", (random, shown) -> {
			Address address = address(random);
			boolean withPrefix = random.nextInt(5) > 0;
			int prefix = withPrefix ? random.nextInt(address.bits() + 1) : address.bits();
			String text = (random.nextInt(8) == 0 ? " " : "") + spell(random, address)
					+ (withPrefix ? "/" + prefix : "");
			shown.accept(text);

			Cidr cidr = Cidr.parse(text);

			assertThat(cidr.bits()).isEqualTo(address.bits());
			assertThat(cidr.prefixLength()).isEqualTo(prefix);
			assertThat(Cidr.parse(cidr.toString())).isEqualTo(cidr);
			assertThat(cidr.containsValue(address.value())).as("holds its address").isTrue();
			InetAddress java = InetAddress.getByAddress(bytes(address));
			// Java reads an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 one,
			// and
			// Cidr never matches across families: those are left out here.
			assertThat(cidr.contains(java) || java.getAddress().length * 8 != address.bits()).isTrue();
			assertThat(cidr.contains(Cidr.parse(spell(random, address)))).isTrue();
			assertThat(cidr.first()).isLessThanOrEqualTo(address.value());
			assertThat(cidr.last()).isGreaterThanOrEqualTo(address.value());
			assertThat(cidr.first().subtract(BigInteger.ONE).signum() < 0
					|| !cidr.containsValue(cidr.first().subtract(BigInteger.ONE)))
				.as("nothing before its first address")
				.isTrue();
			BigInteger end = address.bits() == 32 ? V4_END : V6_END;
			assertThat(
					cidr.last().add(BigInteger.ONE).equals(end) || !cidr.containsValue(cidr.last().add(BigInteger.ONE)))
				.as("nothing after its last address")
				.isTrue();
		});
	}

	@Test
	void theCidrParserAnswersAPlainBlockOrRefusesWithAReason() {
		check("cidr: near-valid and garbage text refused cleanly", (random, shown) -> {
			String text = switch (random.nextInt(4)) {
				case 0 -> nearMiss(random, validCidr(random), "0123456789abcdefABCDEF:./");
				case 1 -> garbage(random, 60);
				case 2 -> oneOf(random, "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4/33", "::1/129", "::1::",
						"fe80::1%eth0", "[::1]", "1.2.3.4-5", "1.2.3.*", "0x0a.0.0.1", "10.0.0.0/255.0.0.0", "1.2.3.4/",
						"/8", "1.2.3.4/-1", "1.2.3.4/ 8", "1.2.3.4 /8", "", "   ", "::ffff:1.2.3.4/200",
						"1:2:3:4:5:6:7:8:9", "2001:db8::/0x20", "1.2.3.4/08", "١.٢.٣.٤");
				default ->
					validCidr(random) + oneOf(random, "/8", "x", " 1", "%0", "\n", ":", ".", "\0", "\0junk", "\u0007");
			};
			shown.accept(text);
			Cidr cidr;
			try {
				cidr = Cidr.parse(text);
			}
			catch (IllegalArgumentException refused) {
				assertThat(refused.getMessage()).as("a reason").isNotBlank();
				return;
			}
			String plain = text.strip();
			assertThat(plain).as("only plain addresses are read").matches(cidr.isIpv4() ? PLAIN_IPV4 : PLAIN_IPV6);
			assertThat(cidr.prefixLength()).isBetween(0, cidr.bits());
			assertThat(cidr.network().bitLength()).isLessThanOrEqualTo(cidr.bits());
			assertThat(Cidr.parse(cidr.toString())).isEqualTo(cidr);
		});
	}

	@Test
	void theValidatorAcceptsAPolicyThatKeepsItsPromisesOrNamesTheFieldToFix() {
		check("validator: accepts a sound policy or names the field", (random, shown) -> {
			AccessMode mode = random.nextInt(40) == 0 ? null : oneOf(random, AccessMode.values());
			boolean allowPrivate = random.nextBoolean();
			List<AllowRule> rules = rules(random);
			shown.accept(mode + ", allowPrivate " + allowPrivate + ", " + rules);
			EgressPolicy policy;
			try {
				policy = EgressPolicyValidator.validate(mode, allowPrivate, rules);
			}
			catch (InvalidInputException refused) {
				assertThat(refused.field()).as("the field to fix")
					.matches("mode|rules(\\[\\d+](\\.(cidr|protocol|port|endPort|reason))?)?");
				assertThat(refused.getMessage()).isNotBlank();
				return;
			}
			assertThat(policy.mode()).isEqualTo(mode);
			assertThat(policy.rules()).hasSize(rules == null ? 0 : rules.size());
			for (AllowRule rule : policy.rules()) {
				Cidr cidr = Cidr.parse(rule.cidr());
				assertThat(rule.cidr()).as("canonical").isEqualTo(cidr.toString());
				assertThat(ForbiddenRanges.enclosing(cidr, allowPrivate)).as("inside a forbidden range").isEmpty();
				assertThat(rule.protocol()).isIn("TCP", "UDP", "SCTP", "ANY");
				if (rule.port() != null) {
					assertThat(rule.port()).isBetween(1, 65535);
				}
				if (rule.endPort() != null) {
					assertThat(rule.endPort()).isGreaterThan(rule.port()).isLessThanOrEqualTo(65535);
				}
				assertThat(rule.reason()).isNotBlank().hasSizeLessThanOrEqualTo(200).isEqualTo(rule.reason().strip());
			}
			assertThat(EgressPolicyValidator.validate(mode, allowPrivate, policy.rules())).as("validated again")
				.isEqualTo(policy);
			assertThat(EgressPolicyJson.read(EgressPolicyJson.write(policy))).as("stored and read back")
				.isEqualTo(policy);
		});
	}

	@Test
	void aRenderedPolicyNeverReachesTheMetadataServerAndReachesWhatItAllows() {
		checkCostly("renderer: never the metadata server, always what is allowed", (random, shown) -> {
			EgressPolicy policy = random.nextInt(5) == 0 ? EgressPolicyValidator
				.validate(oneOf(random, AccessMode.OPEN, AccessMode.WEB_ONLY), random.nextBoolean(), List.of())
					: WideningPropertyTest.policies(random);
			shown.accept(policy);

			var rules = EgressRenderer.rules(policy);

			assertThat(EgressRenderer.rules(policy)).as("the same every time").isEqualTo(rules);
			for (String forbidden : NEVER_OPEN) {
				assertThat(reaches(rules, forbidden, random)).as("reaches %s", forbidden).isFalse();
			}
			if (!policy.allowPrivate()) {
				for (String forbidden : PRIVATE) {
					assertThat(reaches(rules, forbidden, random)).as("reaches private %s", forbidden).isFalse();
				}
			}
			for (AllowRule rule : policy.effectiveRules()) {
				Cidr range = Cidr.parse(rule.cidr());
				BigInteger inside = range.first()
					.add(new BigInteger(range.bits() - range.prefixLength(), new java.util.Random(random.nextLong())));
				boolean forbidden = ForbiddenRanges.of(policy.allowPrivate())
					.stream()
					.anyMatch(f -> f.range().containsValue(inside) && f.range().bits() == range.bits());
				String protocol = rule.protocol().equals("ANY") ? oneOf(random, "TCP", "UDP") : rule.protocol();
				int port = random.nextInt(rule.lowPort(), rule.highPort() + 1);
				assertThat(WideningPropertyTest.allowed(rules, range.bits(), inside, protocol, port))
					.as("%s %s/%d allowed by %s", inside, protocol, port, rule)
					.isEqualTo(!forbidden);
			}
		});
	}

	/**
	 * The validator and the evaluator agree on every address in every spelling: through a
	 * rendered range that holds it (an allow-list entry the validator accepts, else the
	 * open internet), the evaluator lets user servers reach an address exactly when the
	 * validator accepts that address alone as an entry, with the same private-addresses
	 * switch. On the open internet, the destination tester agrees too.
	 */
	@Test
	void anAddressIsReachableExactlyWhenTheValidatorAcceptsIt() {
		check("validator and evaluator agree on every address", (random, shown) -> {
			Address address = address(random);
			boolean allowPrivate = random.nextBoolean();
			String host = spell(random, address);
			String range = spell(random, address) + "/" + random.nextInt(address.bits() + 1);
			String protocol = oneOf(random, "TCP", "UDP", "SCTP");
			int port = random.nextInt(1, 65536);
			shown.accept(host + " through " + range + ", allowPrivate " + allowPrivate + ", " + port + "/" + protocol);
			EgressPolicy internet = EgressPolicyValidator.validate(AccessMode.OPEN, allowPrivate, List.of());
			EgressPolicy through;
			try {
				through = ForbiddenRangesTest.allowList(range, allowPrivate);
			}
			catch (InvalidInputException refused) {
				through = internet;
			}
			boolean accepted = SpellingAgreementTest.validator(host,
					allowPrivate) == SpellingAgreementTest.Kind.ORDINARY;
			Destination destination = Destination.address("d", host, host, port, protocol);

			for (EgressPolicy policy : List.of(through, internet)) {
				var rendered = EgressRenderer.render(EgressPolicyTest.HUB, policy, 1);
				boolean reached = EgressEvaluator.evaluate(List.of(rendered), EgressPolicyTest.HUB.namespace(),
						StandardProbes.singleuserPodLabels(EgressPolicyTest.HUB.helmRelease()), List.of(destination))
					.get(0)
					.allowed();
				assertThat(reached).as("reached through %s", policy).isEqualTo(accepted);
			}
			var open = EgressRenderer.render(EgressPolicyTest.HUB, internet, 1);
			assertThat(DestinationTester
				.explain(EgressPolicyTest.HUB, List.of(open), Cidr.host(host), port, protocol, host)
				.reachable()).as("the destination tester on the open internet").isEqualTo(accepted);
		});
	}

	@Test
	void noPolicyWidensItselfAndDroppingEntriesNeverWidens() {
		check("classifier: no self-widening, dropping entries never widens", (random, shown) -> {
			EgressPolicy policy = WideningPropertyTest.policies(random);
			List<AllowRule> fewer = new ArrayList<>(policy.rules());
			if (!fewer.isEmpty()) {
				fewer.remove(random.nextInt(fewer.size()));
			}
			EgressPolicy narrower = fewer.isEmpty()
					? EgressPolicyValidator.validate(AccessMode.BLOCKED, policy.allowPrivate(), List.of())
					: EgressPolicyValidator.validate(policy.mode(), policy.allowPrivate(), fewer);
			shown.accept(policy + " then " + narrower);

			assertThat(policy.widens(policy)).as("widens itself").isFalse();
			assertThat(narrower.widens(policy)).as("fewer entries widen").isFalse();
			assertThat(EgressPolicyValidator.validate(AccessMode.BLOCKED, false, List.of()).widens(policy))
				.as("blocked widens")
				.isFalse();
		});
	}

	static boolean reaches(List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule> rules,
			String address, SplittableRandom random) {
		Cidr host = Cidr.parse(address);
		for (String protocol : List.of("TCP", "UDP", "SCTP")) {
			for (int port : new int[] { 1, 53, 80, 443, random.nextInt(1, 65536), 65535 }) {
				if (WideningPropertyTest.allowed(rules, host.bits(), host.network(), protocol, port)) {
					return true;
				}
			}
		}
		return false;
	}

	/** Allow-lists of every kind: sound, forbidden, near-valid and nonsense entries. */
	static List<AllowRule> rules(SplittableRandom random) {
		int kind = random.nextInt(100);
		if (kind == 0) {
			return null;
		}
		int size = kind == 1 ? EgressPolicyValidator.MAX_RULES + 1 : random.nextInt(0, 4);
		List<AllowRule> rules = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			rules.add(random.nextInt(50) == 0 ? null : rule(random));
		}
		return rules;
	}

	static AllowRule rule(SplittableRandom random) {
		String cidr = switch (random.nextInt(6)) {
			case 0, 1 -> validCidr(random);
			case 2 -> oneOf(random, INTERESTING.toArray(String[]::new)) + "/" + random.nextInt(0, 129);
			case 3 -> nearMiss(random, validCidr(random), "0123456789abcdef:./");
			case 4 -> random.nextBoolean() ? null : garbage(random, 20);
			default -> oneOf(random, "169.254.169.254/32", "10.1.0.0/16", "::ffff:a9fe:a9fe/128", "fe80::/64",
					"2002:a9fe::/32", "0.0.0.0/0", "::/0", "64:ff9b::/96", "fd00::/8", "127.0.0.0/8", "100.64.0.0/10",
					"100.100.100.200/32", "::/96", "::ffff:0:0:0/96", "64:ff9b:1::/48", "64:ff9b::/32");
		};
		String protocol = oneOf(random, null, "TCP", "tcp", " udp ", "SCTP", "ANY", "any", "ICMP", "", "T CP");
		Integer port = port(random);
		Integer endPort = random.nextBoolean() ? null : port(random);
		String reason = oneOf(random, null, "", "   ", "journal mirror", " padded ", "x".repeat(200), "y".repeat(201),
				garbage(random, 30));
		return new AllowRule(cidr, protocol, port, endPort, reason);
	}

	static Integer port(SplittableRandom random) {
		return switch (random.nextInt(6)) {
			case 0 -> null;
			case 1 -> oneOf(random, 0, -1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE, 1, 65535);
			default -> random.nextInt(1, 65536);
		};
	}

	static byte[] bytes(Address address) {
		byte[] raw = address.value().toByteArray();
		byte[] out = new byte[address.bits() / 8];
		int copy = Math.min(raw.length, out.length);
		System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
		return out;
	}

}
