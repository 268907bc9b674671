package dev.hubguard.egress;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes label selectors: matchLabels and matchExpressions, all of which must hold.
 */
public final class LabelSelectors {

	private LabelSelectors() {
	}

	/**
	 * Whether the selector selects the labels; an empty selector selects everything.
	 * Callers decide what an absent (null) selector means where they use one.
	 */
	public static boolean matches(LabelSelector selector, Map<String, String> labels) {
		Map<String, String> actual = (labels != null) ? labels : Map.of();
		if (selector.getMatchLabels() != null) {
			for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
				if (!wanted.getValue().equals(actual.get(wanted.getKey()))) {
					return false;
				}
			}
		}
		if (selector.getMatchExpressions() != null) {
			for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
				if (!matches(requirement, actual)) {
					return false;
				}
			}
		}
		return true;
	}

	static boolean isEmpty(LabelSelector selector) {
		return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
				&& (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
	}

	/**
	 * The selector as "{app=jupyterhub, tier in (a, b)}", labels in key order.
	 */
	static String describe(LabelSelector selector) {
		List<String> terms = new ArrayList<>();
		if (selector.getMatchLabels() != null) {
			new TreeMap<>(selector.getMatchLabels()).forEach((key, value) -> terms.add(key + "=" + value));
		}
		if (selector.getMatchExpressions() != null) {
			selector.getMatchExpressions().forEach((requirement) -> terms.add(describe(requirement)));
		}
		return "{" + String.join(", ", terms) + "}";
	}

	private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
		String value = labels.get(requirement.getKey());
		List<String> values = (requirement.getValues() != null) ? requirement.getValues() : List.of();
		return switch (String.valueOf(requirement.getOperator())) {
			case "In" -> value != null && values.contains(value);
			case "NotIn" -> value == null || !values.contains(value);
			case "Exists" -> value != null;
			case "DoesNotExist" -> value == null;
			default -> throw new IllegalArgumentException("Unknown label selector operator \""
					+ requirement.getOperator() + "\" for key " + requirement.getKey());
		};
	}

	private static String describe(LabelSelectorRequirement requirement) {
		List<String> values = (requirement.getValues() != null) ? requirement.getValues() : List.of();
		return switch (String.valueOf(requirement.getOperator())) {
			case "In" -> requirement.getKey() + " in (" + String.join(", ", values) + ")";
			case "NotIn" -> requirement.getKey() + " not in (" + String.join(", ", values) + ")";
			case "Exists" -> requirement.getKey() + " exists";
			case "DoesNotExist" -> requirement.getKey() + " does not exist";
			default -> requirement.getKey() + " " + requirement.getOperator() + " (" + String.join(", ", values) + ")";
		};
	}

}
