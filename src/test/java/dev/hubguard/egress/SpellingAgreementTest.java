package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.shared.InvalidInputException;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every spelling of an address the portal never opens or opens only with private
 * addresses allowed, and for ordinary neighbours, in both settings of the switch: the
 * validator's answer for an allow-list entry of that address, whether the rendered open
 * internet excepts it, and whether the evaluator and the destination tester find it
 * reachable all agree.
 */
class SpellingAgreementTest {

	/** How the portal treats an address. */
	enum Kind {

		/** Never opened. */
		NEVER,
		/** Opened only with private addresses allowed. */
		PRIVATE,
		/** Opened whenever asked. */
		ORDINARY

	}

	/**
	 * IPv4 addresses, each also checked in its IPv4-mapped, IPv4-compatible, SIIT, NAT64
	 * and 6to4 spellings.
	 */
	static final Map<String, Kind> IPV4 = ordered("127.0.0.1", Kind.NEVER, "127.255.255.255", Kind.NEVER, "0.0.0.0",
			Kind.NEVER, "0.255.255.255", Kind.NEVER, "169.254.169.254", Kind.NEVER, "100.100.100.200", Kind.NEVER,
			"100.64.0.0", Kind.PRIVATE, "100.127.255.255", Kind.PRIVATE, "100.100.100.199", Kind.PRIVATE,
			"100.100.100.201", Kind.PRIVATE, "10.0.0.1", Kind.PRIVATE, "192.168.1.1", Kind.PRIVATE, "100.63.255.255",
			Kind.ORDINARY, "100.128.0.0", Kind.ORDINARY, "1.0.0.0", Kind.ORDINARY, "126.255.255.255", Kind.ORDINARY,
			"128.0.0.0", Kind.ORDINARY, "8.8.8.8", Kind.ORDINARY);

	static final Map<String, Kind> IPV6 = ordered("::1", Kind.NEVER, "::a9fe:a9fe", Kind.NEVER, "::ffff:0:a9fe:a9fe",
			Kind.NEVER, "fd00:ec2::254", Kind.NEVER, "fd20:ce::254", Kind.NEVER, "fe80::1", Kind.NEVER, "64:ff9b:1::",
			Kind.PRIVATE, "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", Kind.PRIVATE, "64:ff9b:1::a9fe:a9fe", Kind.PRIVATE,
			"64:ff9b:1::808:808", Kind.PRIVATE, "fd12::1", Kind.PRIVATE, "64:ff9b:0:ffff:ffff:ffff:ffff:ffff",
			Kind.ORDINARY, "64:ff9b:2::", Kind.ORDINARY, "::1:0:0", Kind.ORDINARY, "::fffe:ffff:ffff", Kind.ORDINARY,
			"::1:ffff:0:0:0", Kind.ORDINARY, "2001:db8::1", Kind.ORDINARY);

	static Stream<Arguments> spellings() {
		Map<String, Kind> all = new LinkedHashMap<>();
		IPV4.forEach((address, kind) -> {
			all.put(address, kind);
			for (String form : forms(address)) {
				all.put(form, kind);
			}
		});
		all.putAll(IPV6);
		return all.entrySet()
			.stream()
			.flatMap(e -> Stream.of(Arguments.of(e.getKey(), e.getValue(), false),
					Arguments.of(e.getKey(), e.getValue(), true)));
	}

	/** The IPv6 spellings of an IPv4 address, written out by hand. */
	static List<String> forms(String ipv4) {
		String[] octets = ipv4.split("\\.");
		String high = Integer.toHexString(Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]));
		String low = Integer.toHexString(Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]));
		return List.of("::ffff:" + ipv4, "::" + ipv4, "::ffff:0:" + ipv4, "64:ff9b::" + ipv4,
				"2002:" + high + ":" + low + "::1");
	}

	@ParameterizedTest(name = "{0} ({1}), private addresses allowed: {2}")
	@MethodSource("spellings")
	void theValidatorTheRenderedPolicyAndTheEvaluatorsAgree(String address, Kind kind, boolean allowPrivate) {
		Kind expected = (kind == Kind.PRIVATE && allowPrivate) ? Kind.ORDINARY : kind;
		assertThat(validator(address, allowPrivate)).as("the validator on an allow-list of %s", address)
			.isEqualTo(expected);
		boolean open = expected == Kind.ORDINARY;

		EgressPolicy everywhere = EgressPolicyValidator.validate(AccessMode.OPEN, allowPrivate, List.of());
		NetworkPolicy internet = EgressRenderer.render(EgressPolicyTest.HUB, everywhere, 1);
		Cidr host = Cidr.host(address);
		IPBlock block = ForbiddenRangesTest.rendered(everywhere)
			.stream()
			.filter(b -> Cidr.parse(b.getCidr()).bits() == host.bits())
			.findFirst()
			.orElseThrow();
		assertThat(block.getExcept().stream().map(Cidr::parse).anyMatch(e -> e.contains(host)))
			.as("%s excepted from %s", address, block.getCidr())
			.isEqualTo(!open);
		assertThat(evaluator(internet, address)).as("the evaluator, open internet").isEqualTo(open);
		assertThat(DestinationTester.explain(EgressPolicyTest.HUB, List.of(internet), host, 443, "TCP", address)
			.reachable()).as("the destination tester, open internet").isEqualTo(open);
		if (open) {
			NetworkPolicy listed = EgressRenderer.render(EgressPolicyTest.HUB,
					ForbiddenRangesTest.allowList(address, allowPrivate), 1);
			assertThat(evaluator(listed, address)).as("the evaluator, an allow-list of %s", address).isTrue();
		}
	}

	/** What the validator makes of an allow-list holding only {@code cidr}. */
	static Kind validator(String cidr, boolean allowPrivate) {
		try {
			ForbiddenRangesTest.allowList(cidr, allowPrivate);
			return Kind.ORDINARY;
		}
		catch (InvalidInputException refused) {
			assertThat(refused.field()).isEqualTo("rules[0].cidr");
			if (refused.getMessage().contains("which the portal never opens")) {
				return Kind.NEVER;
			}
			assertThat(refused.getMessage()).contains("turn on private addresses");
			return Kind.PRIVATE;
		}
	}

	/**
	 * Whether the user servers of the policy's hub may reach {@code address} on 443/TCP.
	 */
	static boolean evaluator(NetworkPolicy policy, String address) {
		return EgressEvaluator
			.evaluate(List.of(policy), EgressPolicyTest.HUB.namespace(),
					StandardProbes.singleuserPodLabels(EgressPolicyTest.HUB.helmRelease()),
					List.of(Destination.address("d", address, address, 443, "TCP")))
			.get(0)
			.allowed();
	}

	private static Map<String, Kind> ordered(Object... pairs) {
		Map<String, Kind> map = new LinkedHashMap<>();
		List<Object> list = new ArrayList<>(List.of(pairs));
		for (int i = 0; i < list.size(); i += 2) {
			map.put((String) list.get(i), (Kind) list.get(i + 1));
		}
		return map;
	}

}
