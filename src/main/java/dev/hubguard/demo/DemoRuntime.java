package dev.hubguard.demo;

import java.nio.file.Path;
import java.util.Map;

/**
 * What demo mode started in this JVM. Started once per JVM and shared, so that test
 * contexts reuse the same provider and clusters; stopped when the JVM exits.
 */
public final class DemoRuntime {

	private static DemoRuntime current;

	private final DemoSignIn signIn;

	private final Map<String, InMemoryCluster> clusters;

	private final DemoDatabase.Connection database;

	private final Path dir;

	private DemoRuntime(DemoSignIn signIn, Map<String, InMemoryCluster> clusters, DemoDatabase.Connection database,
			Path dir) {
		this.signIn = signIn;
		this.clusters = clusters;
		this.database = database;
		this.dir = dir;
	}

	static synchronized DemoRuntime startOnce(Path dir, int oidcPort, String dbUrl, String dbUser, String dbPassword) {
		if (current != null) {
			return current;
		}
		DemoDatabase.Connection database = DemoDatabase.resolve(dbUrl, dbUser, dbPassword, dir);
		DemoSignIn signIn;
		try {
			signIn = DemoSignIn.start(dir, oidcPort);
		}
		catch (java.io.UncheckedIOException ex) {
			throw new DemoUnavailableException("its sign-in provider",
					"The embedded OIDC provider could not listen on 127.0.0.1:" + oidcPort + " (" + ex.getMessage()
							+ ").",
					"Free that port, or set HUBGUARD_DEMO_OIDC_PORT to another one (0 picks a free port).");
		}
		Map<String, InMemoryCluster> clusters = DemoClusters.start(DemoHubs.clusters());
		DemoClusters.writeKubeconfig(dir, clusters);
		DemoCatalogueFile.write(dir, DemoHubs.clusters());
		DemoStaffRoster.write(dir);
		current = new DemoRuntime(signIn, clusters, database, dir);
		Runtime.getRuntime().addShutdownHook(new Thread(current::stop, "hubguard-demo-stop"));
		return current;
	}

	private static final String WEBHOOK_TOKEN = "amw_" + java.util.HexFormat.of().formatHex(randomBytes());

	private static byte[] randomBytes() {
		byte[] bytes = new byte[24];
		new java.security.SecureRandom().nextBytes(bytes);
		return bytes;
	}

	/** The demo's Alertmanager webhook token: random, new at every start. */
	static String webhookToken() {
		return WEBHOOK_TOKEN;
	}

	/** The running demo, if this JVM started one. */
	public static synchronized java.util.Optional<DemoRuntime> current() {
		return java.util.Optional.ofNullable(current);
	}

	public String signInBaseUrl() {
		return signIn.baseUrl();
	}

	public InMemoryCluster cluster(String name) {
		return clusters.get(name);
	}

	public Map<String, InMemoryCluster> clusters() {
		return clusters;
	}

	public Path dir() {
		return dir;
	}

	DemoDatabase.Connection database() {
		return database;
	}

	private DemoPrometheus prometheus;

	private boolean prometheusTried;

	/**
	 * Starts the demo's Prometheus once, when it is installed: its URL, or empty.
	 */
	synchronized java.util.Optional<String> prometheus() {
		if (!prometheusTried) {
			prometheusTried = true;
			prometheus = DemoPrometheus.start(dir).orElse(null);
		}
		return java.util.Optional.ofNullable(prometheus).map(DemoPrometheus::url);
	}

	private synchronized void stop() {
		if (prometheus != null) {
			prometheus.stop();
		}
		clusters.values().forEach(InMemoryCluster::stop);
		signIn.stop();
	}

}
