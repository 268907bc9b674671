package dev.hubguard.egress;

import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What rendered egress rules let a pod reach, as a set of (address, protocol, port)
 * triples, and exact containment between two such sets. An empty port list means every
 * protocol (TCP, UDP, SCTP and those without ports, counted here as {@value #OTHER}) on
 * every port. Pure; only ipBlock peers, as {@link EgressRenderer} writes them.
 */
final class Reach {

	static final String OTHER = "OTHER";

	private static final List<String> ALL_PROTOCOLS = List.of("TCP", "UDP", "SCTP", OTHER);

	/** One ipBlock with the ports of its rule: protocol to port intervals. */
	private record Entry(Cidr cidr, List<Cidr> except, Map<String, List<int[]>> ports) {

		boolean holds(BigInteger address, int bits) {
			return this.cidr.bits() == bits && this.cidr.containsValue(address)
					&& this.except.stream().noneMatch(e -> e.bits() == bits && e.containsValue(address));
		}

	}

	private final List<Entry> entries;

	private Reach(List<Entry> entries) {
		this.entries = entries;
	}

	static Reach of(List<NetworkPolicyEgressRule> rules) {
		List<Entry> entries = new ArrayList<>();
		for (NetworkPolicyEgressRule rule : rules) {
			Map<String, List<int[]>> ports = ports(rule.getPorts());
			if (rule.getTo() == null || rule.getTo().isEmpty()) {
				throw new IllegalArgumentException("an egress rule to everywhere is not something Hubguard renders");
			}
			for (NetworkPolicyPeer peer : rule.getTo()) {
				IPBlock block = peer.getIpBlock();
				if (block == null) {
					throw new IllegalArgumentException("only ipBlock peers are compared");
				}
				List<Cidr> except = block.getExcept() == null ? List.of()
						: block.getExcept().stream().map(Cidr::parse).toList();
				entries.add(new Entry(Cidr.parse(block.getCidr()), except, ports));
			}
		}
		return new Reach(entries);
	}

	/** Whether every triple {@code other} reaches, this reaches too. */
	boolean contains(Reach other) {
		for (int bits : new int[] { 32, 128 }) {
			for (BigInteger atom : atoms(bits, other)) {
				Map<String, List<int[]>> needed = union(other.entries, atom, bits);
				if (needed.isEmpty()) {
					continue;
				}
				Map<String, List<int[]>> offered = union(this.entries, atom, bits);
				for (Map.Entry<String, List<int[]>> protocol : needed.entrySet()) {
					if (!covered(protocol.getValue(), offered.getOrDefault(protocol.getKey(), List.of()))) {
						return false;
					}
				}
			}
		}
		return true;
	}

	/**
	 * The first address of every stretch in which membership of each range of both sets
	 * is the same throughout: checking one address of each stretch checks them all.
	 */
	private TreeSet<BigInteger> atoms(int bits, Reach other) {
		TreeSet<BigInteger> starts = new TreeSet<>();
		BigInteger end = BigInteger.ONE.shiftLeft(bits);
		for (Entry entry : concat(this.entries, other.entries)) {
			List<Cidr> ranges = new ArrayList<>(entry.except());
			ranges.add(entry.cidr());
			for (Cidr range : ranges) {
				if (range.bits() == bits) {
					starts.add(range.first());
					BigInteger after = range.last().add(BigInteger.ONE);
					if (after.compareTo(end) < 0) {
						starts.add(after);
					}
				}
			}
		}
		return starts;
	}

	private static Map<String, List<int[]>> union(List<Entry> entries, BigInteger address, int bits) {
		Map<String, List<int[]>> union = new TreeMap<>();
		for (Entry entry : entries) {
			if (entry.holds(address, bits)) {
				entry.ports()
					.forEach((protocol, intervals) -> union.computeIfAbsent(protocol, p -> new ArrayList<>())
						.addAll(intervals));
			}
		}
		return union;
	}

	/** Whether the intervals {@code offered} together cover every interval needed. */
	private static boolean covered(List<int[]> needed, List<int[]> offered) {
		List<int[]> merged = new ArrayList<>();
		offered.stream().sorted(Comparator.comparingInt(i -> i[0])).forEach(interval -> {
			int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last != null && interval[0] <= last[1] + 1) {
				last[1] = Math.max(last[1], interval[1]);
			}
			else {
				merged.add(new int[] { interval[0], interval[1] });
			}
		});
		return needed.stream().allMatch(n -> merged.stream().anyMatch(m -> m[0] <= n[0] && n[1] <= m[1]));
	}

	private static Map<String, List<int[]>> ports(List<NetworkPolicyPort> ports) {
		Map<String, List<int[]>> byProtocol = new TreeMap<>();
		if (ports == null || ports.isEmpty()) {
			ALL_PROTOCOLS.forEach(protocol -> byProtocol.put(protocol, List.of(new int[] { 1, 65535 })));
			return byProtocol;
		}
		for (NetworkPolicyPort port : ports) {
			String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol().toUpperCase(Locale.ROOT);
			int[] interval;
			if (port.getPort() == null) {
				interval = new int[] { 1, 65535 };
			}
			else if (port.getPort().getIntVal() == null) {
				throw new IllegalArgumentException("named ports are not something Hubguard renders");
			}
			else {
				int from = port.getPort().getIntVal();
				interval = new int[] { from, port.getEndPort() == null ? from : port.getEndPort() };
			}
			byProtocol.computeIfAbsent(protocol, p -> new ArrayList<>()).add(interval);
		}
		return byProtocol;
	}

	private static List<Entry> concat(List<Entry> a, List<Entry> b) {
		List<Entry> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
