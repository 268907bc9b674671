package dev.hubguard.bench;

import com.sun.net.httpserver.HttpServer;
import dev.hubguard.demo.DemoPreload;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.InMemoryCluster;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fixture of {@code bench/run} in a process of its own: the demo's sign-in provider
 * and in-memory API servers, with {@code hubs} hubs over the demo's four clusters and
 * {@code podsPerHub} user pods in each, so that their event loops do not share the
 * bench's JVM. Writes the kubeconfig, catalogue and staff roster into {@code dir} (the
 * portal reads them), then {@code dir/bench-clusters.properties}: the sign-in provider's
 * URL and a control URL whose {@code /requests} answers the API requests served so far
 * (watches left out). Exits when its standard input closes (the bench ended). Arguments:
 * dir, database URL, hubs, user pods per hub (0 hubs: the demo's hubs alone, no pods).
 */
public final class BenchClusters {

	public static final String INFO = "bench-clusters.properties";

	/** Held, so that the level set stays (the logging keeps its loggers weakly). */
	private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger
		.getLogger("io.fabric8.mockwebserver");

	private BenchClusters() {
	}

	public static void main(String[] args) throws Exception {
		// One line per API request would cost the fixture more than the requests.
		MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
		Path dir = Path.of(args[0]);
		String dbUrl = args[1];
		int hubs = Integer.parseInt(args[2]);
		int podsPerHub = Integer.parseInt(args[3]);
		long started = System.nanoTime();
		DemoRuntime world = DemoPreload.start(dir, dbUrl);
		List<String> added = hubs > 0 ? BenchSeed.clusters(world, hubs, podsPerHub) : List.of();
		System.out.printf("clusters: %d hubs added, %,d user pods a hub, in %.0f s%n", added.size(),
				hubs > 0 ? podsPerHub : 0, (System.nanoTime() - started) / 1e9);
		HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		control.createContext("/requests", exchange -> {
			long requests = world.clusters().values().stream().mapToLong(InMemoryCluster::requests).sum();
			byte[] body = Long.toString(requests).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		control.start();
		Path info = dir.resolve(INFO);
		Files.writeString(dir.resolve(INFO + ".tmp"), "signIn=%s%ncontrol=http://127.0.0.1:%d%n"
			.formatted(world.signInBaseUrl(), control.getAddress().getPort()));
		Files.move(dir.resolve(INFO + ".tmp"), info, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		System.out.println("clusters ready");
		while (System.in.read() >= 0) {
			// Runs until the bench closes its end of the pipe (or exits).
		}
		control.stop(0);
		System.exit(0);
	}

}
