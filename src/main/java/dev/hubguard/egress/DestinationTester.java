package dev.hubguard.egress;

import dev.hubguard.cluster.Ownership;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.shared.InvalidInputException;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Answers "can user servers reach this?" for any address or range and port, and for each
 * entry of the hub's allow-list, from the cached NetworkPolicies, with the reason in
 * words and the raw rule beside it.
 */
@Service
public class DestinationTester {

	private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

	private final EffectiveAccess effective;

	private final InternetAccess access;

	private final java.time.Clock clock;

	DestinationTester(EffectiveAccess effective, InternetAccess access, java.time.Clock clock) {
		this.effective = effective;
		this.access = access;
		this.clock = clock;
	}

	/**
	 * One destination's verdict.
	 *
	 * @param verdict {@code reachable}, {@code blocked}, or {@code partly} (a range whose
	 * first and last addresses differ)
	 * @param reason for a person
	 * @param policy the deciding NetworkPolicy, or null
	 * @param rule the raw rule that allows it, or null
	 */
	public record Explained(String destination, int port, String protocol, String label, String verdict, String reason,
			String policy, String rule) {

		public boolean reachable() {
			return verdict.equals("reachable");
		}

	}

	/**
	 * @throws InvalidInputException when the destination is not an address or CIDR, the
	 * port is not 1 to 65535, or the protocol is not TCP, UDP or SCTP
	 */
	public Explained test(CatalogueHub hub, String destination, Integer port, String protocol) {
		if (destination == null || destination.isBlank()) {
			throw new InvalidInputException("destination",
					"Give an address or range, like 203.0.113.7 or 203.0.113.0/24.");
		}
		Cidr cidr;
		try {
			cidr = Cidr.parse(destination);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("destination", ex.getMessage());
		}
		int p = port == null ? 443 : port;
		if (p < 1 || p > 65535) {
			throw new InvalidInputException("port", "A port is 1 to 65535, not " + p + ".");
		}
		String proto = protocol == null || protocol.isBlank() ? "TCP" : protocol.trim().toUpperCase(Locale.ROOT);
		if (!PROTOCOLS.contains(proto)) {
			throw new InvalidInputException("protocol", "The protocol is TCP, UDP or SCTP, not " + protocol + ".");
		}
		List<NetworkPolicy> policies = policies(hub);
		return ChangedPolicyNote.mark(explain(hub, policies, cidr, p, proto, cidr.toString() + " " + p + "/" + proto),
				changed(hub, policies));
	}

	/**
	 * A row per allow-list entry of the hub's desired policy (none outside allow-list
	 * mode).
	 */
	public List<Explained> entries(CatalogueHub hub) {
		Optional<EgressPolicy> desired = access.desiredPolicy(hub.ref());
		if (desired.isEmpty() || desired.get().mode() != AccessMode.ALLOWLIST) {
			return List.of();
		}
		List<NetworkPolicy> policies = policies(hub);
		Optional<String> changed = changed(hub, policies);
		return entries(hub, policies, desired.get()).stream().map(row -> ChangedPolicyNote.mark(row, changed)).toList();
	}

	/**
	 * A row per allow-list entry of {@code policy}, judged against {@code policies} (the
	 * cluster's, or those a request would leave).
	 */
	static List<Explained> entries(CatalogueHub hub, List<NetworkPolicy> policies, EgressPolicy policy) {
		if (policy.mode() != AccessMode.ALLOWLIST) {
			return List.of();
		}
		List<Explained> rows = new ArrayList<>();
		for (AllowRule rule : policy.rules()) {
			Cidr cidr = Cidr.parse(rule.cidr());
			String proto = "ANY".equals(rule.protocol()) ? "TCP" : rule.protocol();
			rows.add(explain(hub, policies, cidr, rule.lowPort(), proto,
					rule.cidr() + " " + rule.portText() + (rule.reason() == null ? "" : " " + rule.reason())));
		}
		return rows;
	}

	/**
	 * Whether Hubguard's policy in the cluster is not the desired one: see
	 * {@link ChangedPolicyNote}.
	 */
	private Optional<String> changed(CatalogueHub hub, List<NetworkPolicy> policies) {
		return ChangedPolicyNote.of(hub, policies, access.desired(hub.ref()), clock.instant());
	}

	private List<NetworkPolicy> policies(CatalogueHub hub) {
		return effective.cachedPolicies(hub)
			.orElseThrow(() -> new dev.hubguard.shared.ConflictException("Hubguard is still reading the cluster "
					+ hub.ref().cluster() + " (or has no client for it); try again in a moment."));
	}

	/**
	 * The verdict on {@code cidr} from {@code policies}: its first and last addresses
	 * checked, for the hub's user servers.
	 */
	static Explained explain(CatalogueHub hub, List<NetworkPolicy> policies, Cidr cidr, int port, String protocol,
			String label) {
		Verdict first = verdict(hub, policies, address(cidr, cidr.first()), port, protocol);
		Verdict last = cidr.first().equals(cidr.last()) ? first
				: verdict(hub, policies, address(cidr, cidr.last()), port, protocol);
		String verdict = first.allowed() && last.allowed() ? "reachable"
				: first.allowed() || last.allowed() ? "partly" : "blocked";
		Verdict deciding = first.allowed() ? first : last;
		String reason = verdict.equals("partly")
				? "Part of this range is reachable: " + human(policies, deciding) + " The rest is blocked."
				: human(policies, deciding);
		return new Explained(cidr.toString(), port, protocol, label, verdict, reason, deciding.policy(),
				deciding.rule());
	}

	private static Verdict verdict(CatalogueHub hub, List<NetworkPolicy> policies, String ip, int port,
			String protocol) {
		return EffectiveAccess
			.forUserServers(hub, policies, List.of(Destination.address("test", ip, ip, port, protocol)))
			.get(0);
	}

	/** The verdict in words: whose rule, and what that rule allows. */
	static String human(List<NetworkPolicy> policies, Verdict verdict) {
		boolean ours = verdict.policy() != null && policies.stream()
			.anyMatch(p -> verdict.policy().equals(p.getMetadata().getName()) && Ownership.managedByHubguard(p));
		return human(verdict.allowed(), verdict.policy(), verdict.rule(), ours);
	}

	/** The same for a row of the effective-access report. */
	public static String human(EffectiveAccessReport.Row row) {
		return human(row.allowed(), row.policy(), row.rule(), EgressRenderer.NAME.equals(row.policy()));
	}

	private static String human(boolean allowed, String policy, String rule, boolean ours) {
		if (!allowed) {
			return "Blocked: no rule of the NetworkPolicies that select user servers allows it.";
		}
		if (policy == null) {
			return "Reachable: no NetworkPolicy selects user servers for egress, so everything is allowed.";
		}
		String what = rule == null ? "" : ": " + plain(rule);
		return ours ? "Allowed by Hubguard's internet-access rule" + what + "."
				: "Allowed by the chart's policy " + policy + what + ".";
	}

	/**
	 * "egress rule 5: to 0.0.0.0/0 except 10.0.0.0/8, …; 80/TCP, 443/TCP" in words: "any
	 * public address, ports 80/TCP, 443/TCP".
	 */
	static String plain(String rule) {
		String text = rule.replaceFirst("^egress rule \\d+: to ", "");
		int semicolon = text.lastIndexOf("; ");
		String peers = semicolon < 0 ? text : text.substring(0, semicolon);
		String ports = semicolon < 0 ? "" : text.substring(semicolon + 2);
		if (peers.startsWith("0.0.0.0/0 except") || peers.startsWith("::/0 except")) {
			peers = "any public address";
		}
		else if (peers.equals("0.0.0.0/0") || peers.equals("every destination")) {
			peers = "any address";
		}
		return peers + (ports.isEmpty() ? "" : ", " + (ports.equals("all ports") ? ports : "ports " + ports));
	}

	private static String address(Cidr cidr, BigInteger value) {
		byte[] raw = value.toByteArray();
		byte[] bytes = new byte[cidr.bits() / 8];
		int copy = Math.min(raw.length, bytes.length);
		System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
		try {
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
