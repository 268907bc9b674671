package dev.hubguard.support;

import dev.hubguard.cluster.DesiredObject;
import dev.hubguard.cluster.DesiredObjects;
import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A second kind of desired object, for tests only: ConfigMaps whose data a test sets per
 * hub. It proves the cluster layer generic (apply, drift, pruning) beside
 * NetworkPolicies.
 */
public class TestConfigMaps implements DesiredObjects {

	private final Map<HubRef, Map<String, Map<String, String>>> desired = new ConcurrentHashMap<>();

	private final Map<HubRef, String> namespaces = new ConcurrentHashMap<>();

	private final AtomicLong watermark = new AtomicLong();

	private final Map<HubRef, CountDownLatch> held = new ConcurrentHashMap<>();

	private final Map<HubRef, CountDownLatch> waiting = new ConcurrentHashMap<>();

	/**
	 * Makes rendering the hub wait until {@code release} opens (at most 60 s), as a slow
	 * feature or cluster would; the latch returned opens once a render waits.
	 */
	public CountDownLatch hold(HubRef hub, CountDownLatch release) {
		CountDownLatch entered = new CountDownLatch(1);
		waiting.put(hub, entered);
		held.put(hub, release);
		return entered;
	}

	/** Renders the hub without waiting again. */
	public void release(HubRef hub) {
		CountDownLatch release = held.remove(hub);
		waiting.remove(hub);
		if (release != null) {
			release.countDown();
		}
	}

	/** Desires a ConfigMap {@code name} with {@code data} in the hub's namespace. */
	public void desire(HubRef hub, String namespace, String name, Map<String, String> data) {
		namespaces.put(hub, namespace);
		desired.computeIfAbsent(hub, key -> new ConcurrentHashMap<>()).put(name, Map.copyOf(data));
		watermark.incrementAndGet();
	}

	/** No longer desires that ConfigMap. */
	public void forget(HubRef hub, String name) {
		desired.getOrDefault(hub, Map.of()).remove(name);
		watermark.incrementAndGet();
	}

	@Override
	public List<Class<? extends HasMetadata>> kinds() {
		return List.of(io.fabric8.kubernetes.api.model.ConfigMap.class);
	}

	@Override
	public List<HubRef> managedHubs() {
		return List.copyOf(desired.keySet());
	}

	@Override
	public List<DesiredObject> render(HubRef hub) {
		CountDownLatch release = held.get(hub);
		if (release != null) {
			waiting.getOrDefault(hub, new CountDownLatch(0)).countDown();
			try {
				release.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return desired.getOrDefault(hub, Map.of())
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(entry -> new DesiredObject(hub, 1,
					new ConfigMapBuilder().withNewMetadata()
						.withName(entry.getKey())
						.withNamespace(namespaces.get(hub))
						.addToLabels("app.kubernetes.io/component", "test")
						.endMetadata()
						.withData(entry.getValue())
						.build()))
			.map(DesiredObject.class::cast)
			.toList();
	}

	@Override
	public long watermark() {
		return watermark.get();
	}

}
