package dev.hubguard.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The hubs and clusters the portal knows. Reads come from an in-memory snapshot of the
 * database, refreshed after every import, so authorisation checks cost no query. The file
 * is re-read when its content changes: at once on a file-system event
 * ({@link CatalogueFileWatch}), and at each poll.
 */
@Service
public class HubCatalogue {

	private static final Logger log = LoggerFactory.getLogger(HubCatalogue.class);

	private final CatalogueProperties properties;

	private final CatalogueImport importer;

	private final HubRepository hubs;

	private final ClusterRepository clusters;

	private final ApplicationEventPublisher events;

	private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), List.of(), List.of());

	private volatile String lastDigest = "";

	HubCatalogue(CatalogueProperties properties, CatalogueImport importer, HubRepository hubs,
			ClusterRepository clusters, ApplicationEventPublisher events) {
		this.properties = properties;
		this.importer = importer;
		this.hubs = hubs;
		this.clusters = clusters;
		this.events = events;
	}

	/** Every active hub, sorted by {@code cluster/hub}. */
	public List<CatalogueHub> hubs() {
		return snapshot.sorted();
	}

	public Optional<CatalogueHub> find(HubRef ref) {
		return Optional.ofNullable(snapshot.hubs().get(ref));
	}

	/** The hub, or a 404 for a hub the catalogue does not list (or no longer does). */
	public CatalogueHub require(HubRef ref) {
		return find(ref).orElseThrow(() -> new HubNotFoundException(ref));
	}

	/**
	 * Hubs that left the catalogue (and have not come back), with the time they left.
	 */
	public List<RetiredHub> retired() {
		return snapshot.retired();
	}

	public List<ClusterSummary> clusters() {
		return snapshot.clusters().values().stream().sorted(Comparator.comparing(ClusterSummary::name)).toList();
	}

	public Optional<ClusterSummary> cluster(String name) {
		return Optional.ofNullable(snapshot.clusters().get(name));
	}

	/**
	 * Imports the given YAML (from a file or an upload) and refreshes the snapshot;
	 * refuses to retire many of a cluster's hubs at once unless so configured.
	 */
	public CatalogueImport.ImportResult importYaml(String yaml, String source) {
		return importYaml(yaml, source, properties.allowMassRetire());
	}

	/** As {@link #importYaml(String, String)}, forcing a mass retirement or not. */
	public CatalogueImport.ImportResult importYaml(String yaml, String source, boolean allowMassRetire) {
		CatalogueImport.ImportResult result = importer.apply(CatalogueParser.parse(yaml), source, allowMassRetire);
		refresh();
		return result;
	}

	/** First of the start-up listeners: everything else needs the hubs. */
	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public void loadAtStartup() {
		reloadIfChanged();
		refresh();
	}

	@Scheduled(initialDelayString = "${hubguard.catalogue.reload-interval:30s}",
			fixedDelayString = "${hubguard.catalogue.reload-interval:30s}")
	public synchronized void reloadIfChanged() {
		if (!properties.configured()) {
			return;
		}
		Path path = Path.of(properties.path());
		try {
			byte[] content = Files.readAllBytes(path);
			String digest = digest(content);
			if (digest.equals(lastDigest)) {
				refresh();
				return;
			}
			CatalogueImport.ImportResult result = importYaml(new String(content, StandardCharsets.UTF_8),
					path.toString());
			lastDigest = digest;
			log.info("catalogue imported from {}: {} added, {} changed, {} retired", path, result.added(),
					result.changed(), result.retired());
		}
		catch (IOException ex) {
			log.error("cannot read the catalogue file {}: {}; keeping the hubs already known", path, ex.toString());
		}
		catch (InvalidCatalogueException ex) {
			log.error("the catalogue file {} is invalid, keeping the hubs already known: {}", path, ex.getMessage());
		}
	}

	void refresh() {
		List<Hub> all = hubs.findAllWithCluster();
		List<RetiredHub> retired = all.stream().filter(Hub::retired).map(Hub::toRetiredHub).toList();
		Map<HubRef, CatalogueHub> active = all.stream()
			.filter(h -> !h.retired())
			.map(Hub::toCatalogueHub)
			.collect(Collectors.toUnmodifiableMap(CatalogueHub::ref, Function.identity()));
		Map<String, ClusterSummary> activeClusters = clusters.findAll()
			.stream()
			.filter(c -> !c.retired())
			.map(Cluster::summary)
			.collect(Collectors.toUnmodifiableMap(ClusterSummary::name, Function.identity()));
		snapshot = new Snapshot(active, activeClusters, retired,
				active.values().stream().sorted(Comparator.comparing(CatalogueHub::ref)).toList());
		events.publishEvent(new CatalogueRefreshed());
	}

	private static String digest(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code sorted}: the active hubs in order, sorted once per refresh rather than per
	 * page.
	 */
	private record Snapshot(Map<HubRef, CatalogueHub> hubs, Map<String, ClusterSummary> clusters,
			List<RetiredHub> retired, List<CatalogueHub> sorted) {
	}

}
