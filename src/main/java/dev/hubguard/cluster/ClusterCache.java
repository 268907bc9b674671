package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What features read of one cluster, kept current by informers (one list, then a watch,
 * per kind): pages and checks read memory, so the API requests made do not grow with page
 * views or pods. User server pods ({@code component=singleuser-server}) and cryptnono's
 * pods are kept in {@link PodReduction reduced form}, read-only; Secrets are watched only
 * when they carry Hubguard's labels, so a hub's own Secrets (its proxy token, its cookie
 * secret) are never read, and only in hub namespaces, one watch each (RBAC grants Secrets
 * there and nowhere else: deploy/cluster-access).
 */
public final class ClusterCache implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ClusterCache.class);

	public static final String USER_POD_LABEL = "component";

	public static final String USER_POD_VALUE = "singleuser-server";

	/** Marks the isolation probe's short-lived pods, which are not user servers. */
	public static final String PROBE_LABEL = "hubguard.dev/probe";

	public static final String CRYPTNONO_NAMESPACE = "support";

	public static final String CRYPTNONO_LABEL = "app.kubernetes.io/name";

	/** Kinds cached whole (they are few), across all namespaces. */
	static final List<Class<? extends HasMetadata>> WHOLE = List.of(NetworkPolicy.class, Namespace.class, Node.class,
			DaemonSet.class, Deployment.class, StatefulSet.class, ServiceAccount.class, Role.class, RoleBinding.class,
			ClusterRole.class, ClusterRoleBinding.class, Service.class, Ingress.class);

	private final String name;

	private final Clock clock;

	private final SharedIndexInformer<Pod> userPods;

	private final SharedIndexInformer<Pod> cryptnonoPods;

	private final NamespacedWatches<Secret> ownedSecrets;

	private final Map<Class<? extends HasMetadata>, SharedIndexInformer<? extends HasMetadata>> whole = new LinkedHashMap<>();

	private volatile Instant lastHealthy;

	ClusterCache(String name, KubernetesClient client, String instance, Clock clock, Set<String> hubNamespaces) {
		this.name = name;
		this.clock = clock;
		// The isolation probe's pods carry the user servers' labels but are none.
		this.userPods = reduced(client.pods()
			.inAnyNamespace()
			.withLabel(USER_POD_LABEL, USER_POD_VALUE)
			.withoutLabel(PROBE_LABEL)
			.runnableInformer(0));
		this.cryptnonoPods = reduced(client.pods()
			.inNamespace(CRYPTNONO_NAMESPACE)
			.withLabel(CRYPTNONO_LABEL, "cryptnono")
			.runnableInformer(0));
		this.ownedSecrets = new NamespacedWatches<>(name,
				namespace -> client.secrets()
					.inNamespace(namespace)
					.withLabel(Ownership.MANAGED_BY, Ownership.FIELD_MANAGER)
					.withLabel(Ownership.INSTANCE, instance)
					.runnableInformer(0));
		this.ownedSecrets.retain(hubNamespaces);
		for (Class<? extends HasMetadata> kind : WHOLE) {
			whole.put(kind, client.resources(kind).inAnyNamespace().runnableInformer(0));
		}
	}

	private static SharedIndexInformer<Pod> reduced(SharedIndexInformer<Pod> informer) {
		UnaryOperator<Pod> cacheForm = PodReduction.cacheForm();
		return informer.itemStore(new BasicItemStore<>(Cache::metaNamespaceKeyFunc) {
			@Override
			public Pod put(String key, Pod pod) {
				return super.put(key, cacheForm.apply(pod));
			}
		});
	}

	/** Starts every informer; each retries on its own until its cluster answers. */
	void start() {
		cacheWide().forEach(this::countChanges);
		cacheWide().forEach(informer -> start(informer, name));
		ownedSecrets.start();
	}

	static void start(SharedIndexInformer<? extends HasMetadata> informer, String cluster) {
		informer.exceptionHandler((started, failure) -> true);
		informer.start().whenComplete((ignored, failure) -> {
			if (failure != null) {
				log.warn("cache of {} in cluster {} not synced yet: {}", informer.getApiTypeClass().getSimpleName(),
						cluster, failure.getMessage());
			}
		});
	}

	/**
	 * Watches Hubguard's Secrets in exactly these namespaces (the cluster's hubs, active
	 * or retired): a watch starts for each new one and stops for each that left.
	 */
	void watchSecretsIn(Set<String> hubNamespaces) {
		ownedSecrets.retain(hubNamespaces);
	}

	private List<SharedIndexInformer<? extends HasMetadata>> cacheWide() {
		List<SharedIndexInformer<? extends HasMetadata>> all = new ArrayList<>(whole.values());
		all.add(userPods);
		all.add(cryptnonoPods);
		return all;
	}

	private List<SharedIndexInformer<? extends HasMetadata>> informers() {
		List<SharedIndexInformer<? extends HasMetadata>> all = cacheWide();
		all.addAll(ownedSecrets.informers());
		return all;
	}

	public String name() {
		return name;
	}

	/**
	 * How trustworthy the data is: synced and watching, still syncing, or cut off from
	 * the cluster since {@link CacheState#dataFrom}.
	 */
	public CacheState state() {
		boolean synced = informers().stream().allMatch(SharedIndexInformer::hasSynced);
		boolean watching = informers().stream().allMatch(SharedIndexInformer::isWatching);
		if (synced && watching) {
			lastHealthy = clock.instant();
			return new CacheState(CacheState.Status.SYNCED, lastHealthy);
		}
		if (lastHealthy == null) {
			return new CacheState(CacheState.Status.SYNCING, null);
		}
		return new CacheState(CacheState.Status.UNREACHABLE, lastHealthy);
	}

	/** The user server pods of a namespace (reduced form). */
	public List<Pod> userPods(String namespace) {
		return userPods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
	}

	/** Every user server pod of the cluster (reduced form). */
	public List<Pod> userPods() {
		return userPods.getStore().list();
	}

	public Optional<Pod> userPod(String namespace, String pod) {
		return Optional.ofNullable(userPods.getStore().getByKey(namespace + "/" + pod));
	}

	/** cryptnono's pods in {@code support} (reduced form). */
	public List<Pod> cryptnonoPods() {
		return cryptnonoPods.getStore().list();
	}

	/** Secrets this installation owns in a namespace. */
	public List<Secret> ownedSecrets(String namespace) {
		return ownedSecrets.list(namespace);
	}

	/**
	 * Objects of a kind cached whole, in one namespace ({@code null}: all namespaces, and
	 * the cluster-scoped kinds).
	 */
	public <T extends HasMetadata> List<T> list(Class<T> kind, String namespace) {
		@SuppressWarnings("unchecked")
		SharedIndexInformer<T> informer = (SharedIndexInformer<T>) whole.get(kind);
		if (informer == null) {
			throw new IllegalArgumentException(kind.getSimpleName() + " is not cached");
		}
		return namespace == null ? informer.getStore().list()
				: informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
	}

	private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

	private <T extends HasMetadata> void countChanges(SharedIndexInformer<T> informer) {
		informer.addEventHandler(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<T>() {
			@Override
			public void onAdd(T object) {
				changes.incrementAndGet();
			}

			@Override
			public void onUpdate(T before, T after) {
				changes.incrementAndGet();
			}

			@Override
			public void onDelete(T object, boolean finalStateUnknown) {
				changes.incrementAndGet();
			}
		});
	}

	/**
	 * A number that grows after any cached object is added, changed or deleted (it is
	 * counted once the store holds the change): what was computed from the cache at one
	 * revision still holds while the revision, and the {@link #state()}, stay the same.
	 */
	public long revision() {
		return changes.get();
	}

	@Override
	public void close() {
		cacheWide().forEach(SharedIndexInformer::stop);
		ownedSecrets.close();
	}

}
