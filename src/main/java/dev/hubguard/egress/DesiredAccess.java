package dev.hubguard.egress;

import dev.hubguard.hub.CatalogueHub;
import java.util.List;

/**
 * What a hub's user servers may reach by its desired internet access alone: the policy
 * Hubguard renders for it, evaluated with the same Kubernetes semantics as the live
 * policies ({@link EgressEvaluator}). The one place that decides what a desired policy
 * allows, for isolation's checks as well as the explainer.
 */
public final class DesiredAccess {

	private DesiredAccess() {
	}

	/** Whether the desired policy lets a user server of the hub reach the destination. */
	public static boolean allows(CatalogueHub hub, EgressPolicy desired, Destination destination) {
		return EffectiveAccess
			.forUserServers(hub, List.of(EgressRenderer.render(hub, desired, 0)), List.of(destination))
			.get(0)
			.allowed();
	}

	/** The same for one of the hub's {@link StandardProbes standard destinations}. */
	public static boolean allows(CatalogueHub hub, EgressPolicy desired, String standardProbe) {
		Destination destination = StandardProbes.forHub(hub.namespace(), hub.helmRelease())
			.stream()
			.filter(probe -> probe.key().equals(standardProbe))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no standard destination " + standardProbe));
		return allows(hub, desired, destination);
	}

}
