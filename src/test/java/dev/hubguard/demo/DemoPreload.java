package dev.hubguard.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeExtractor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * For benchmarks: starts the demo's clusters before the portal, and loads many objects
 * into one straight into the in-memory API server's store. fabric8's CRUD server scans
 * its whole store on every create, so 100,000 creates over HTTP would take hours; objects
 * loaded before the portal starts reach its informers in their first list, as from a real
 * API server.
 */
public final class DemoPreload {

	private DemoPreload() {
	}

	/**
	 * Starts the demo runtime that the portal, started next with the same dir, reuses.
	 */
	public static DemoRuntime start(Path dir, String dbUrl) {
		return DemoRuntime.startOnce(dir, 0, dbUrl, "postgres", null);
	}

	/** The collection path a create would be posted to. */
	static String path(HasMetadata object) {
		String api = object.getApiVersion().contains("/") ? "/apis/" + object.getApiVersion() : "/api/v1";
		String namespace = object.getMetadata().getNamespace();
		return api + (namespace == null ? "" : "/namespaces/" + namespace) + "/"
				+ HasMetadata.getPlural(object.getClass());
	}

	public static void preload(InMemoryCluster cluster, List<? extends HasMetadata> objects) throws Exception {
		Field dispatcherField = InMemoryCluster.class.getDeclaredField("dispatcher");
		dispatcherField.setAccessible(true);
		Object dispatcher = dispatcherField.get(cluster);
		Field crudField = KubernetesMixedDispatcher.class.getDeclaredField("kubernetesCrudDispatcher");
		crudField.setAccessible(true);
		KubernetesCrudDispatcher crud = (KubernetesCrudDispatcher) crudField.get(dispatcher);
		Map<io.fabric8.mockwebserver.crud.AttributeSet, String> store = crud.getMap();
		AttributeExtractor extractor = crud.getAttributeExtractor();
		for (HasMetadata object : objects) {
			object.getMetadata().setResourceVersion(String.valueOf(crud.requestResourceVersion()));
			object.getMetadata().setUid(UUID.randomUUID().toString());
			object.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
			String json = Serialization.asJson(object);
			store.put(io.fabric8.mockwebserver.crud.AttributeSet.merge(extractor.fromPath(path(object)),
					extractor.fromResource(json)), json);
		}
	}

}
