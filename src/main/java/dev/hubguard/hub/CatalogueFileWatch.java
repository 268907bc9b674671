package dev.hubguard.hub;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Re-reads the catalogue file as soon as it changes: file-system events on its directory
 * (any change there counts, so a ConfigMap mount's {@code ..data} symlink swap does too),
 * with {@link HubCatalogue#reloadIfChanged}'s poll as the fallback where events are not
 * delivered. The digest check makes a spurious event cost one read.
 */
@Component
class CatalogueFileWatch {

	private static final Logger log = LoggerFactory.getLogger(CatalogueFileWatch.class);

	/**
	 * Events arriving this close together are one change (an editor's several writes).
	 */
	private static final long SETTLE_MILLIS = 50;

	private final CatalogueProperties properties;

	private final HubCatalogue catalogue;

	private volatile WatchService service;

	CatalogueFileWatch(CatalogueProperties properties, HubCatalogue catalogue) {
		this.properties = properties;
		this.catalogue = catalogue;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!properties.configured()) {
			return;
		}
		Path directory = Path.of(properties.path()).toAbsolutePath().getParent();
		try {
			service = FileSystems.getDefault().newWatchService();
			directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
					StandardWatchEventKinds.ENTRY_DELETE);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("cannot watch {} for catalogue changes ({}); polling only", directory, ex.toString());
			return;
		}
		Thread thread = new Thread(this::run, "hubguard-catalogue-watch");
		thread.setDaemon(true);
		thread.start();
	}

	private void run() {
		WatchService watching = service;
		try {
			while (true) {
				WatchKey key = watching.take();
				key.pollEvents();
				key.reset();
				for (WatchKey more = watching.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS); more != null; more = watching
					.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) {
					more.pollEvents();
					more.reset();
				}
				try {
					catalogue.reloadIfChanged();
				}
				catch (RuntimeException ex) {
					log.error("reloading the catalogue after a file change failed; the poll retries", ex);
				}
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			// Stopping.
		}
	}

	@PreDestroy
	void stop() throws IOException {
		if (service != null) {
			service.close();
		}
	}

}
