package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.shared.InvalidInputException;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cloud metadata servers, link-local and (unless allowed) private addresses are
 * refused in every spelling, and carved out of every wider range that is rendered.
 */
class ForbiddenRangesTest {

	/**
	 * The forbidden ranges of the rule, written out by hand (not by the code under test).
	 */
	static List<String> forbidden(boolean allowPrivate) {
		List<String> ipv4 = new ArrayList<>(
				List.of("169.254.0.0/16", "100.100.100.200/32", "127.0.0.0/8", "0.0.0.0/8"));
		List<String> ranges = new ArrayList<>(List.of("fd00:ec2::254/128", "fd20:ce::254/128", "fe80::/10", "::1/128"));
		if (!allowPrivate) {
			ipv4.addAll(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"));
			ranges.addAll(List.of("fc00::/7", "64:ff9b:1::/48"));
		}
		ranges.addAll(ipv4);
		for (String range : ipv4) {
			String address = range.substring(0, range.indexOf('/'));
			int prefix = Integer.parseInt(range.substring(range.indexOf('/') + 1));
			String[] octets = address.split("\\.");
			ranges.add("::ffff:" + address + "/" + (96 + prefix));
			ranges.add("::" + address + "/" + (96 + prefix));
			ranges.add("::ffff:0:" + address + "/" + (96 + prefix));
			ranges.add("64:ff9b::" + address + "/" + (96 + prefix));
			ranges.add("2002:" + Integer.toHexString(Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]))
					+ ":" + Integer.toHexString(Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3])) + "::/"
					+ (16 + prefix));
		}
		return ranges;
	}

	static EgressPolicy allowList(String cidr, boolean allowPrivate) {
		return EgressPolicyValidator.validate(AccessMode.ALLOWLIST, allowPrivate,
				List.of(new AllowRule(cidr, "ANY", null, null, "because")));
	}

	static List<IPBlock> rendered(EgressPolicy policy) {
		NetworkPolicy rendered = EgressRenderer.render(EgressPolicyTest.HUB, policy, 1);
		return rendered.getSpec()
			.getEgress()
			.stream()
			.flatMap(rule -> rule.getTo().stream())
			.map(p -> p.getIpBlock())
			.toList();
	}

	@ParameterizedTest(name = "{0} (private addresses allowed: {1}) is refused")
	@CsvSource({ "::ffff:169.254.169.254/128, false, metadata", "::ffff:169.254.169.254, true, metadata",
			"0:0:0:0:0:FFFF:A9FE:A9FE, true, metadata", "::ffff:10.0.0.0/104, false, private",
			"::ffff:192.168.7.1, false, private", "64:ff9b::a9fe:a9fe, true, metadata",
			"64:ff9b::169.254.0.0/112, true, metadata", "64:ff9b::10.1.2.3, false, private",
			"2002:a9fe:a9fe::/48, true, metadata", "2002:ac10::/28, false, private", "fd20:ce::254/128, true, metadata",
			"fd20:ce::254, false, metadata", "fd00:ec2::254, true, metadata", "fe80::1, true, link-local",
			"fe80::/10, false, link-local", "fd00::/8, false, private", "169.254.169.254, true, metadata",
			"10.1.0.0/16, false, private", "::a9fe:a9fe, true, metadata", "::169.254.0.0/112, true, metadata",
			"::ffff:0:a9fe:a9fe, true, metadata", "::ffff:0:169.254.0.0/112, true, metadata",
			"::10.0.0.0/104, false, private", "::ffff:0:10.1.2.3, false, private", "64:ff9b:1::/48, false, NAT64",
			"64:ff9b:1::a9fe:a9fe, false, NAT64", "100.100.100.200, true, Alibaba",
			"::ffff:100.100.100.200, true, Alibaba", "64:ff9b::6464:64c8, true, Alibaba",
			"2002:6464:64c8::/48, true, Alibaba", "100.64.0.0/10, false, shared address space",
			"100.100.0.0/16, false, shared address space", "::ffff:100.64.0.1, false, shared address space",
			"127.0.0.1, true, loopback", "127.0.0.0/8, true, loopback", "::ffff:127.0.0.1, true, loopback",
			"::127.0.0.1, true, loopback", "::1, true, loopback", "0.0.0.0, true, this network",
			"0.0.0.0/8, true, this network", "::ffff:0.0.0.0/104, true, this network", "::, true, this network" })
	void aRangeInsideAForbiddenRangeIsRefusedInEverySpelling(String cidr, boolean allowPrivate, String message) {
		assertThatThrownBy(() -> allowList(cidr, allowPrivate)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining(message);
	}

	@ParameterizedTest(name = "{0} (private addresses allowed: {1})")
	@CsvSource({ "::ffff:10.0.0.0/104, true", "64:ff9b::10.0.0.0/104, true", "fd12:3456::/32, true",
			"2002:a00::/24, true", "2001:db8::/32, false", "8.8.8.0/24, false", "100.64.0.0/10, true",
			"::ffff:0:100.64.0.0/106, true", "64:ff9b:1::/48, true", "64:ff9b:1:2::/64, true",
			"100.100.100.192/29, true", "100.128.0.0/9, false", "64:ff9b:2::/48, false", "::1:0:0/96, false" })
	void aPrivateRangeInAnySpellingIsAcceptedOnceAllowedAndOtherRangesAlways(String cidr, boolean allowPrivate) {
		assertThat(allowList(cidr, allowPrivate).rules()).hasSize(1);
	}

	@ParameterizedTest(name = "{0} (private addresses allowed: {1}) excepts {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					fe80::/9        | false | fe80::/10
					fe80::/9        | true  | fe80::/10
					::ffff:0:0/96   | true  | ::ffff:0:0/104 ::ffff:6464:64c8/128 ::ffff:7f00:0/104 ::ffff:a9fe:0/112
					::ffff:0:0/96   | false | ::ffff:0:0/104 ::ffff:a00:0/104 ::ffff:6440:0/106 ::ffff:7f00:0/104 ::ffff:a9fe:0/112 ::ffff:ac10:0/108 ::ffff:c0a8:0/112
					64:ff9b::/96    | true  | 64:ff9b::/104 64:ff9b::6464:64c8/128 64:ff9b::7f00:0/104 64:ff9b::a9fe:0/112
					2002::/16       | true  | 2002::/24 2002:6464:64c8::/48 2002:7f00::/24 2002:a9fe::/32
					2002::/16       | false | 2002::/24 2002:a00::/24 2002:6440::/26 2002:7f00::/24 2002:a9fe::/32 2002:ac10::/28 2002:c0a8::/32
					fd00::/8        | true  | fd00:ec2::254/128 fd20:ce::254/128
					fc00::/7        | true  | fd00:ec2::254/128 fd20:ce::254/128
					0.0.0.0/0       | true  | 0.0.0.0/8 100.100.100.200/32 127.0.0.0/8 169.254.0.0/16
					0.0.0.0/0       | false | 0.0.0.0/8 10.0.0.0/8 100.64.0.0/10 127.0.0.0/8 169.254.0.0/16 172.16.0.0/12 192.168.0.0/16
					100.0.0.0/8     | true  | 100.100.100.200/32
					100.0.0.0/8     | false | 100.64.0.0/10
					100.64.0.0/10   | true  | 100.100.100.200/32
					::/96           | true  | ::/104 ::6464:64c8/128 ::7f00:0/104 ::a9fe:0/112
					::/64           | true  | ::/104 ::6464:64c8/128 ::7f00:0/104 ::a9fe:0/112 ::ffff:0:0/104 ::ffff:6464:64c8/128 ::ffff:7f00:0/104 ::ffff:a9fe:0/112 ::ffff:0:0:0/104 ::ffff:0:6464:64c8/128 ::ffff:0:7f00:0/104 ::ffff:0:a9fe:0/112
					::ffff:0:0:0/96 | false | ::ffff:0:0:0/104 ::ffff:0:a00:0/104 ::ffff:0:6440:0/106 ::ffff:0:7f00:0/104 ::ffff:0:a9fe:0/112 ::ffff:0:ac10:0/108 ::ffff:0:c0a8:0/112
					64:ff9b::/47    | true  | 64:ff9b::/104 64:ff9b::6464:64c8/128 64:ff9b::7f00:0/104 64:ff9b::a9fe:0/112
					64:ff9b::/47    | false | 64:ff9b::/104 64:ff9b::a00:0/104 64:ff9b::6440:0/106 64:ff9b::7f00:0/104 64:ff9b::a9fe:0/112 64:ff9b::ac10:0/108 64:ff9b::c0a8:0/112 64:ff9b:1::/48
					""")
	void aRangeHoldingForbiddenRangesIsRenderedWithThemExcepted(String cidr, boolean allowPrivate, String except) {
		List<IPBlock> blocks = rendered(allowList(cidr, allowPrivate));

		assertThat(blocks.get(0).getCidr()).isEqualTo(Cidr.parse(cidr).toString());
		assertThat(blocks.get(0).getExcept()).containsExactly(except.split(" "));
	}

	@Test
	void theWholeIpv6InternetIsRenderedWithEveryForbiddenFormExcepted() {
		List<IPBlock> blocks = rendered(EgressPolicyValidator.validate(AccessMode.OPEN, false, List.of()));

		assertThat(blocks.get(1).getCidr()).isEqualTo("::/0");
		assertThat(blocks.get(1).getExcept()).containsExactly("::/104", "::a00:0/104", "::6440:0/106", "::7f00:0/104",
				"::a9fe:0/112", "::ac10:0/108", "::c0a8:0/112", "::ffff:0:0/104", "::ffff:a00:0/104",
				"::ffff:6440:0/106", "::ffff:7f00:0/104", "::ffff:a9fe:0/112", "::ffff:ac10:0/108", "::ffff:c0a8:0/112",
				"::ffff:0:0:0/104", "::ffff:0:a00:0/104", "::ffff:0:6440:0/106", "::ffff:0:7f00:0/104",
				"::ffff:0:a9fe:0/112", "::ffff:0:ac10:0/108", "::ffff:0:c0a8:0/112", "64:ff9b::/104",
				"64:ff9b::a00:0/104", "64:ff9b::6440:0/106", "64:ff9b::7f00:0/104", "64:ff9b::a9fe:0/112",
				"64:ff9b::ac10:0/108", "64:ff9b::c0a8:0/112", "64:ff9b:1::/48", "2002::/24", "2002:a00::/24",
				"2002:6440::/26", "2002:7f00::/24", "2002:a9fe::/32", "2002:ac10::/28", "2002:c0a8::/32", "fc00::/7",
				"fe80::/10");
	}

	/**
	 * A policy stored before its entry's range was forbidden (no longer what the
	 * validator accepts) renders without that entry: an upgrade closes what it newly
	 * forbids.
	 */
	@Test
	void anEntryStoredBeforeItsRangeWasForbiddenIsNoLongerRendered() {
		EgressPolicy stored = new EgressPolicy(AccessMode.ALLOWLIST, false,
				List.of(new AllowRule("127.0.0.0/8", "ANY", null, null, "old"),
						new AllowRule("100.100.100.200/32", "TCP", 80, null, "old"),
						new AllowRule("100.64.0.0/10", "ANY", null, null, "old"),
						new AllowRule("::a9fe:a9fe/128", "ANY", null, null, "old"),
						new AllowRule("8.8.8.0/24", "ANY", null, null, "new")));

		assertThat(rendered(stored)).extracting(IPBlock::getCidr).containsExactly("8.8.8.0/24");
		assertThat(rendered(new EgressPolicy(AccessMode.ALLOWLIST, false,
				List.of(new AllowRule("127.0.0.1/32", "ANY", null, null, "old")))))
			.isEmpty();
	}

	/**
	 * For every forbidden range and every range that strictly holds it (each shorter
	 * prefix), in both settings of the private switch: the wider range is accepted, every
	 * rendered except lies strictly inside its cidr and in its family (a real API server
	 * refuses anything else), and no forbidden address is left reachable. The forbidden
	 * range itself, and its first and last address, are refused.
	 */
	@Test
	void everyRenderedExceptIsStrictlyInsideItsCidrAndLeavesNoForbiddenAddressReachable() {
		int rendered = 0;
		for (boolean allowPrivate : new boolean[] { false, true }) {
			List<Cidr> forbidden = forbidden(allowPrivate).stream().map(Cidr::parse).toList();
			List<Cidr> ranges = new ArrayList<>();
			for (Cidr range : forbidden) {
				for (int prefix = 0; prefix < range.prefixLength(); prefix++) {
					ranges.add(new Cidr(range.network(), prefix, range.bits()));
				}
				assertThatThrownBy(() -> allowList(range.toString(), allowPrivate)).as(range.toString())
					.isInstanceOf(InvalidInputException.class);
				for (BigInteger edge : List.of(range.first(), range.last())) {
					String host = new Cidr(edge, range.bits(), range.bits()).toString();
					assertThatThrownBy(() -> allowList(host, allowPrivate)).as(host)
						.isInstanceOf(InvalidInputException.class);
				}
			}
			for (Cidr range : ranges) {
				if (forbidden.stream().anyMatch(f -> f.contains(range))) {
					continue; // e.g. fd00::/8 lies inside fc00::/7
				}
				for (IPBlock block : rendered(allowList(range.toString(), allowPrivate))) {
					Cidr cidr = Cidr.parse(block.getCidr());
					List<Cidr> except = block.getExcept().stream().map(Cidr::parse).toList();
					for (Cidr carved : except) {
						assertThat(cidr.contains(carved) && !carved.equals(cidr))
							.as("%s except %s (private allowed: %s)", cidr, carved, allowPrivate)
							.isTrue();
					}
					for (Cidr f : forbidden) {
						boolean reachable = cidr.overlaps(f) && except.stream().noneMatch(e -> e.contains(f));
						assertThat(reachable).as("%s reachable through %s except %s", f, cidr, except).isFalse();
					}
					rendered++;
				}
			}
		}
		assertThat(rendered).isGreaterThan(2000);
	}

}
