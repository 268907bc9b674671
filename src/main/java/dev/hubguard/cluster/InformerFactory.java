package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.function.UnaryOperator;

/**
 * New, not yet started informers for one {@link Watch}: its scope and selector as the API
 * server's field and label selectors, and pods kept in {@link PodReduction reduced form}.
 */
final class InformerFactory {

	private final KubernetesClient client;

	private final Watch watch;

	private final String instance;

	InformerFactory(KubernetesClient client, Watch watch, String instance) {
		this.client = client;
		this.watch = watch;
		this.instance = instance;
	}

	/**
	 * @param namespace the namespace watched, or null for all
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	SharedIndexInformer<HasMetadata> create(String namespace) {
		var resources = client.resources((Class<HasMetadata>) watch.kind());
		FilterWatchListDeletable<HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>> selected = namespace == null
				? resources.inAnyNamespace() : resources.inNamespace(namespace);
		for (var label : watch.labels().entrySet()) {
			selected = selected.withLabel(label.getKey(), label.getValue());
		}
		for (String key : watch.without()) {
			selected = selected.withoutLabel(key);
		}
		if (watch.owned()) {
			selected = selected.withLabel(Ownership.MANAGED_BY, Ownership.FIELD_MANAGER)
				.withLabel(Ownership.INSTANCE, instance);
		}
		SharedIndexInformer<HasMetadata> informer = selected.runnableInformer(0);
		if (watch.kind() == Pod.class) {
			((SharedIndexInformer) informer).itemStore(reduced());
		}
		return informer;
	}

	private static BasicItemStore<Pod> reduced() {
		UnaryOperator<Pod> cacheForm = PodReduction.cacheForm();
		return new BasicItemStore<>(Cache::metaNamespaceKeyFunc) {
			@Override
			public Pod put(String key, Pod pod) {
				return super.put(key, cacheForm.apply(pod));
			}
		};
	}

}
