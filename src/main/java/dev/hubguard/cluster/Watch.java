package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a feature reads of every cluster: a kind, in a scope, with a label selector. The
 * cluster layer keeps one store per distinct watch and cluster, shared by every feature
 * that declares it ({@link ClusterWatches}), and by the reconciler for the objects
 * Hubguard owns.
 *
 * @param namespace the one namespace watched, for {@link Scope#NAMESPACE}; else null
 * @param labels labels an object must have (key → value)
 * @param without label keys an object must not have
 * @param owned whether only the objects this installation owns (its managed-by and
 * instance labels) are watched
 */
public record Watch(Class<? extends HasMetadata> kind, Scope scope, String namespace, Map<String, String> labels,
		Set<String> without, boolean owned) {

	public enum Scope {

		/** Every namespace (and the cluster-scoped kinds). */
		CLUSTER,
		/** One named namespace. */
		NAMESPACE,
		/**
		 * Each namespace of a hub of the catalogue, one watch each (RBAC grants Secrets
		 * there and nowhere else); the set follows the catalogue.
		 */
		HUB_NAMESPACES

	}

	public Watch {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(scope, "scope");
		if ((scope == Scope.NAMESPACE) != (namespace != null)) {
			throw new IllegalArgumentException("a namespace is named for the NAMESPACE scope, and only then");
		}
		labels = labels == null ? Map.of() : Map.copyOf(labels);
		without = without == null ? Set.of() : Set.copyOf(without);
	}

	/** Every object of the kind, across the cluster. */
	public static Watch all(Class<? extends HasMetadata> kind) {
		return new Watch(kind, Scope.CLUSTER, null, Map.of(), Set.of(), false);
	}

	/** Objects of the kind in one namespace with these labels. */
	public static Watch in(Class<? extends HasMetadata> kind, String namespace, Map<String, String> labels) {
		return new Watch(kind, Scope.NAMESPACE, namespace, labels, Set.of(), false);
	}

	/** The objects of the kind this installation owns, in each hub namespace. */
	public static Watch ownedInHubNamespaces(Class<? extends HasMetadata> kind) {
		return new Watch(kind, Scope.HUB_NAMESPACES, null, Map.of(), Set.of(), true);
	}

	/** The objects of the kind this installation owns, across the cluster. */
	static Watch owned(Class<? extends HasMetadata> kind) {
		return new Watch(kind, Scope.CLUSTER, null, Map.of(), Set.of(), true);
	}

	/** The same watch, leaving out objects that carry the label key. */
	public Watch without(String labelKey) {
		Set<String> more = new java.util.HashSet<>(without);
		more.add(labelKey);
		return new Watch(kind, scope, namespace, labels, more, owned);
	}

	/** Whether the store of this watch holds every owned object of its kind. */
	boolean holdsOwned() {
		return labels.isEmpty() && without.isEmpty() && scope != Scope.NAMESPACE;
	}

	/**
	 * Whether an object belongs in this watch's store (a namespace of the
	 * {@link Scope#HUB_NAMESPACES} scope is checked by the store).
	 */
	boolean matches(HasMetadata object, String instance) {
		Map<String, String> have = object.getMetadata().getLabels() == null ? Map.of()
				: object.getMetadata().getLabels();
		return kind.isInstance(object) && (namespace == null || namespace.equals(object.getMetadata().getNamespace()))
				&& labels.entrySet().stream().allMatch(entry -> entry.getValue().equals(have.get(entry.getKey())))
				&& without.stream().noneMatch(have::containsKey) && (!owned || Ownership.ownedBy(object, instance));
	}

	/** "Pod in support (app.kubernetes.io/name=cryptnono)": for staff pages and logs. */
	public String describe() {
		String where = switch (scope) {
			case CLUSTER -> "all namespaces";
			case NAMESPACE -> namespace;
			case HUB_NAMESPACES -> "each hub namespace";
		};
		StringBuilder selector = new StringBuilder();
		labels.forEach(
				(key, value) -> selector.append(selector.isEmpty() ? "" : ",").append(key).append('=').append(value));
		without.forEach(key -> selector.append(selector.isEmpty() ? "" : ",").append('!').append(key));
		if (owned) {
			selector.append(selector.isEmpty() ? "" : ",").append("owned by Hubguard");
		}
		return kind.getSimpleName() + " in " + where + (selector.isEmpty() ? "" : " (" + selector + ")");
	}

}
