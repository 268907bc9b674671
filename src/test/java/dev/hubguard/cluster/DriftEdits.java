package dev.hubguard.cluster;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random edits of a live object, as a JSON tree ({@code Map}s and {@code List}s): owned
 * edits (each changes what the object enforces, so each must be repaired) and foreign
 * edits (other managers' labels and annotations, which must be kept). Pure and seeded, so
 * a failing case replays from its seed.
 */
final class DriftEdits {

	/** What a case did, in words, for the failure message. */
	record Edit(String description, boolean owned, boolean delete) {
	}

	private final Random random;

	DriftEdits(long seed) {
		this.random = new Random(seed);
	}

	Random random() {
		return random;
	}

	/**
	 * Changes one field Hubguard owns in {@code object} (a mutable tree), chosen at
	 * random among those that apply to its kind; returns what it did.
	 */
	Edit owned(Map<String, Object> object, Set<String> ownedLabels, Set<String> ownedAnnotations) {
		String kind = String.valueOf(object.get("kind"));
		int pick = random.nextInt(10);
		if (pick == 0) {
			return new Edit("delete the object", true, true);
		}
		if (pick == 1) {
			Map<String, Object> labels = child(child(object, "metadata"), "labels");
			String key = any(ownedLabels);
			if (random.nextBoolean()) {
				labels.remove(key);
				return new Edit("remove Hubguard's label " + key, true, false);
			}
			labels.put(key, "changed-" + random.nextInt(1000));
			return new Edit("change Hubguard's label " + key, true, false);
		}
		if (pick == 2) {
			Map<String, Object> annotations = child(child(object, "metadata"), "annotations");
			String key = any(ownedAnnotations);
			annotations.put(key, "changed-" + random.nextInt(1000));
			return new Edit("change Hubguard's annotation " + key, true, false);
		}
		return switch (kind) {
			case "NetworkPolicy" -> policy(child(object, "spec"));
			case "Secret" -> data(child(object, "data"), true);
			default -> data(child(object, "data"), false);
		};
	}

	/** Adds, changes or removes another manager's label or annotation. */
	Edit foreign(Map<String, Object> object, Set<String> ownedLabels, Set<String> ownedAnnotations) {
		boolean label = random.nextBoolean();
		Map<String, Object> map = child(child(object, "metadata"), label ? "labels" : "annotations");
		Set<String> owned = label ? ownedLabels : ownedAnnotations;
		List<String> theirs = map.keySet().stream().filter(key -> !owned.contains(key)).toList();
		String what = label ? "label" : "annotation";
		if (!theirs.isEmpty() && random.nextInt(3) == 0) {
			String key = theirs.get(random.nextInt(theirs.size()));
			map.remove(key);
			return new Edit("remove another manager's " + what + " " + key, false, false);
		}
		String key = (label ? "team.example/k" : "note.example/k") + random.nextInt(50);
		map.put(key, "v" + random.nextInt(1000));
		return new Edit("set another manager's " + what + " " + key, false, false);
	}

	private Edit data(Map<String, Object> data, boolean base64) {
		List<String> keys = new ArrayList<>(data.keySet());
		String value = "drift-" + random.nextInt(1_000_000);
		String encoded = base64 ? Base64.getEncoder().encodeToString(value.getBytes()) : value;
		int pick = random.nextInt(3);
		if (pick == 0 || keys.isEmpty()) {
			String key = "ADDED_" + random.nextInt(1000);
			data.put(key, encoded);
			return new Edit("add data key " + key, true, false);
		}
		String key = keys.get(random.nextInt(keys.size()));
		if (pick == 1) {
			data.remove(key);
			return new Edit("remove data key " + key, true, false);
		}
		data.put(key, encoded);
		return new Edit("change the value of data key " + key, true, false);
	}

	private Edit policy(Map<String, Object> spec) {
		List<Object> egress = list(spec, "egress");
		int pick = random.nextInt(11);
		switch (pick) {
			case 0:
				egress.add(new LinkedHashMap<>(
						Map.of("to", new ArrayList<>(List.of(ipBlock(random.nextBoolean() ? "0.0.0.0/0" : cidr()))))));
				return new Edit("add an egress rule", true, false);
			case 1:
				if (!egress.isEmpty()) {
					egress.remove(random.nextInt(egress.size()));
					return new Edit("remove an egress rule", true, false);
				}
				break;
			case 2:
				return policyTypes(spec);
			case 3: {
				Map<String, Object> labels = child(child(spec, "podSelector"), "matchLabels");
				List<String> keys = new ArrayList<>(labels.keySet());
				if (keys.isEmpty() || random.nextBoolean()) {
					labels.put("x" + random.nextInt(100), "y");
					return new Edit("add a key to podSelector.matchLabels", true, false);
				}
				String key = keys.get(random.nextInt(keys.size()));
				if (random.nextBoolean()) {
					labels.remove(key);
					return new Edit("remove podSelector.matchLabels." + key, true, false);
				}
				labels.put(key, "other");
				return new Edit("change podSelector.matchLabels." + key, true, false);
			}
			case 4:
				list(spec, "ingress")
					.add(new LinkedHashMap<>(Map.of("from", new ArrayList<>(List.of(ipBlock(cidr()))))));
				return new Edit("add an ingress rule", true, false);
			default:
				break;
		}
		if (egress.isEmpty()) {
			egress.add(new LinkedHashMap<>(Map.of("to", new ArrayList<>(List.of(ipBlock(cidr()))))));
			return new Edit("add an egress rule to an empty list", true, false);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> rule = (Map<String, Object>) egress.get(random.nextInt(egress.size()));
		return rule(rule, pick);
	}

	private Edit rule(Map<String, Object> rule, int pick) {
		List<Object> ports = list(rule, "ports");
		List<Object> to = list(rule, "to");
		if (pick == 5 || ports.isEmpty()) {
			ports.add(new LinkedHashMap<>(Map.of("protocol", "TCP", "port", 1 + random.nextInt(65535))));
			return new Edit("add a port to a rule", true, false);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> port = (Map<String, Object>) ports.get(random.nextInt(ports.size()));
		if (pick == 6) {
			Object before = port.get("port");
			int next = 1 + random.nextInt(65535);
			port.put("port", before instanceof Number number && number.intValue() == next ? next % 65535 + 1 : next);
			return new Edit("change a port number", true, false);
		}
		if (pick == 7) {
			String effective = String.valueOf(port.getOrDefault("protocol", "TCP"));
			List<String> others = new ArrayList<>(List.of("TCP", "UDP", "SCTP"));
			others.remove(effective);
			port.put("protocol", others.get(random.nextInt(others.size())));
			return new Edit("change a port's protocol from " + effective, true, false);
		}
		if (pick == 8 || to.isEmpty()) {
			to.add(random.nextBoolean() ? ipBlock(cidr())
					: new LinkedHashMap<>(Map.of("podSelector", new LinkedHashMap<>(
							Map.of("matchLabels", new LinkedHashMap<>(Map.of("app", "peer" + random.nextInt(10))))))));
			return new Edit("add a peer to a rule", true, false);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> peer = (Map<String, Object>) to.get(random.nextInt(to.size()));
		if (!(peer.get("ipBlock") instanceof Map<?, ?>)) {
			to.remove(peer);
			return new Edit("remove a peer from a rule", true, false);
		}
		Map<String, Object> block = child(peer, "ipBlock");
		List<Object> except = list(block, "except");
		if (pick == 9) {
			block.put("cidr", "203.0." + random.nextInt(256) + ".0/24");
			return new Edit("change a peer's cidr", true, false);
		}
		if (!except.isEmpty() && random.nextBoolean()) {
			except.remove(random.nextInt(except.size()));
			return new Edit("remove an except range", true, false);
		}
		except.add("10." + random.nextInt(256) + ".0.0/16");
		return new Edit("add an except range", true, false);
	}

	private Edit policyTypes(Map<String, Object> spec) {
		List<String> effective = effectivePolicyTypes(spec);
		List<List<String>> choices = new ArrayList<>(
				List.of(List.of("Ingress"), List.of("Egress"), List.of("Ingress", "Egress")));
		choices.removeIf(choice -> Set.copyOf(choice).equals(Set.copyOf(effective)));
		spec.put("policyTypes", new ArrayList<>(choices.get(random.nextInt(choices.size()))));
		return new Edit("set policyTypes (was " + effective + ")", true, false);
	}

	@SuppressWarnings("unchecked")
	private static List<String> effectivePolicyTypes(Map<String, Object> spec) {
		Object types = spec.get("policyTypes");
		if (types instanceof List<?> list && !list.isEmpty()) {
			return (List<String>) list;
		}
		Object egress = spec.get("egress");
		return egress instanceof List<?> rules && !rules.isEmpty() ? List.of("Ingress", "Egress") : List.of("Ingress");
	}

	private Map<String, Object> ipBlock(String cidr) {
		return new LinkedHashMap<>(Map.of("ipBlock", new LinkedHashMap<>(Map.of("cidr", cidr))));
	}

	private String cidr() {
		return "198.51." + random.nextInt(256) + ".0/24";
	}

	private String any(Set<String> keys) {
		List<String> list = List.copyOf(keys);
		return list.get(random.nextInt(list.size()));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> child(Map<String, Object> parent, String name) {
		Object value = parent.get(name);
		if (value instanceof Map<?, ?>) {
			return (Map<String, Object>) value;
		}
		Map<String, Object> created = new LinkedHashMap<>();
		parent.put(name, created);
		return created;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Map<String, Object> parent, String name) {
		Object value = parent.get(name);
		if (value instanceof List<?>) {
			return (List<Object>) value;
		}
		List<Object> created = new ArrayList<>();
		parent.put(name, created);
		return created;
	}

}
