package dev.hubguard.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API server fills in when an object leaves it out, per kind, so that a live
 * object and the desired one it was made from compare equal: a NetworkPolicy's
 * {@code policyTypes} ({@code Ingress}, plus {@code Egress} when it has egress rules) and
 * its ports' protocol ({@code TCP}); a Secret's {@code type} ({@code Opaque}). Works on
 * trees already cleaned of empty values ({@link FieldDiff#clean}).
 */
final class ServerDefaults {

	private ServerDefaults() {
	}

	static Map<?, ?> apply(String kind, Map<?, ?> tree) {
		Map<String, Object> out = copy(tree);
		switch (kind == null ? "" : kind) {
			case "NetworkPolicy" -> networkPolicy(out);
			case "Secret" -> out.putIfAbsent("type", "Opaque");
			default -> {
			}
		}
		return out;
	}

	private static void networkPolicy(Map<String, Object> policy) {
		Map<String, Object> spec = copy(FieldDiff.map(policy.get("spec")));
		if (!(spec.get("policyTypes") instanceof List<?>)) {
			spec.put("policyTypes",
					spec.get("egress") instanceof List<?> ? List.of("Ingress", "Egress") : List.of("Ingress"));
		}
		for (String direction : List.of("egress", "ingress")) {
			if (spec.get(direction) instanceof List<?> rules) {
				spec.put(direction, rules.stream().map(ServerDefaults::ruleWithProtocols).toList());
			}
		}
		policy.put("spec", spec);
	}

	private static Object ruleWithProtocols(Object rule) {
		if (!(rule instanceof Map<?, ?> map) || !(map.get("ports") instanceof List<?> ports)) {
			return rule;
		}
		Map<String, Object> out = copy(map);
		List<Object> defaulted = new ArrayList<>();
		for (Object port : ports) {
			Map<String, Object> withProtocol = copy(FieldDiff.map(port));
			withProtocol.putIfAbsent("protocol", "TCP");
			defaulted.add(withProtocol);
		}
		out.put("ports", defaulted);
		return out;
	}

	private static Map<String, Object> copy(Map<?, ?> map) {
		Map<String, Object> out = new LinkedHashMap<>();
		map.forEach((key, value) -> out.put(String.valueOf(key), value));
		return out;
	}

}
