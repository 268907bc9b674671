package dev.hubguard.bench;

import dev.hubguard.production.Replica;
import dev.hubguard.support.SignInClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run}: starts the in-memory API servers with {@code bench.hubs} hubs and
 * 100,000 user pods in a JVM of their own ({@link BenchClusters}), seeds PostgreSQL,
 * starts the production jar in its own JVM with the production flags, measures every
 * figure of issue 23 in one run and prints them as one table beside their targets (also
 * written to {@code target/bench-run.txt} and {@code target/bench-run-<hubs>.txt}). A
 * figure that cannot be measured is printed as "no figure" with its reason; the run goes
 * on. Arguments: the java binary for the portal (JDK 25 for the AOT cache), the extracted
 * jar, webhook notifications to send (100 alerts each; the rest of the 1,000,000 alerts
 * is inserted by SQL).
 */
public final class BenchRun {

	static final String DATABASE = System.getProperty("bench.database", "hubguard_bench_run");

	static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;

	static final String ALERTMANAGER_TOKEN = "bench-run-alertmanager";

	/** The Dockerfile ENTRYPOINT's JVM flags but the heap; BENCH_JVM replaces them. */
	static final String IMAGE_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MetaspaceSize=128m -XX:ReservedCodeCacheSize=128m";

	/** User pods in all, whatever the number of hubs. */
	static final int PODS = 100_000;

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final BenchTable TABLE = new BenchTable();

	public static void main(String[] args) throws Exception {
		long began = System.nanoTime();
		String java = args[0];
		Path app = Path.of(args[1]).toAbsolutePath();
		int notifications = Integer.parseInt(args.length > 2 ? args[2] : "1000");
		int hubs = Integer.getInteger("bench.hubs", 100);
		int webhookAlerts = notifications * 100;
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
				"")) {
			admin.createStatement().execute("drop database if exists " + DATABASE + " with (force)");
			admin.createStatement().execute("create database " + DATABASE);
		}
		Flyway.configure().dataSource(DB_URL, "postgres", "").locations("classpath:db/migration").load().migrate();
		Path dir = Files.createTempDirectory("hubguard-bench-run");
		boolean seed = !"none".equals(System.getProperty("bench.seed", "full"));
		long seeding = System.nanoTime();
		int podsPerHub = PODS / hubs;
		try (BenchFixture world = BenchFixture.start(dir.resolve("world"), DB_URL, seed ? hubs : 0, podsPerHub)) {
			Map<String, List<String>> byCluster = BenchSeed.hubs(world.dir().resolve("clusters.yaml"));
			List<String> all = byCluster.values().stream().flatMap(List::stream).toList();
			List<String> added = all.stream().filter(h -> h.split("/")[1].startsWith("bench-")).toList();
			if (!seed) {
				TABLE.note(
						"seed: none (BENCH_SEED=none): the demo's %d hubs and an empty database".formatted(all.size()));
			}
			else {
				System.out.printf("seeded %d hubs (%d added) on %d clusters with %,d user pods each in %.0f s%n",
						all.size(), added.size(), byCluster.size(), podsPerHub, (System.nanoTime() - seeding) / 1e9);
				seed(all, added, byCluster.size(), podsPerHub, webhookAlerts);
			}
			run(world, dir, java, app);
		}
		catch (Throwable ex) {
			TABLE.noFigure("the clusters' process", "", ex);
			ex.printStackTrace();
		}
		TABLE.note("the run took %.1f min; the API servers ran in a JVM of their own (log: %s)"
			.formatted((System.nanoTime() - began) / 60e9, dir.resolve("clusters.log")));
		String table = TABLE.render();
		System.out.println();
		System.out.print(table);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/bench-run.txt"), table);
		Files.writeString(Path.of("target/bench-run-" + hubs + ".txt"), table);
		System.exit(0);
	}

	/** Starts the portal, measures what BENCH_ONLY asks for, stops it. */
	private static void run(BenchFixture world, Path dir, String java, Path app) throws Exception {
		Map<String, String> environment = environment(world);
		// As the image runs it (Dockerfile ENTRYPOINT); the heap is what
		// MaxRAMPercentage=50 gives under deploy/kubernetes' 1 GiB limit unless
		// BENCH_HEAP
		// says otherwise. Native memory tracking (summary) for the breakdown at the end.
		List<String> flags = new ArrayList<>(
				List.of(System.getProperty("bench.jvm", IMAGE_FLAGS).trim().split("\\s+")));
		flags.addAll(List.of("-Xmx" + System.getProperty("bench.heap", "512m"), "-Dspring.aot.enabled=true",
				"-XX:NativeMemoryTracking=summary"));
		List<String> arguments = List.of("--hubguard.machine-tokens.alertmanager-token=" + ALERTMANAGER_TOKEN,
				"--hubguard.cryptnono.poll-interval=1h");
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(flags);
		String jfr = System.getProperty("bench.jfr", "");
		if (!jfr.isBlank()) {
			// Spring's request stacks are deeper than the default 64 frames.
			command.add("-XX:FlightRecorderOptions=stackdepth=256");
			command.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=profile");
		}
		Path aot = train(dir, environment, java, app, flags, arguments);
		if (aot != null) {
			command.add("-XX:AOTCache=" + aot);
		}
		command.addAll(List.of("-jar", app.toString()));
		long launched = System.nanoTime();
		Replica portal = Replica.start("portal", dir, environment, command, arguments);
		PortalProcess process = new PortalProcess(portal.pid());
		try {
			awaitReady(portal, Duration.ofMinutes(10));
			double wall = (System.nanoTime() - launched) / 1e9;
			double cpu = -1;
			try {
				cpu = process.markReady();
			}
			catch (Exception ex) {
				TABLE.noFigure("start to ready: process CPU", "<= 4 s CPU", ex);
			}
			if (cpu >= 0) {
				TABLE.add("start to readiness UP (" + (aot == null ? "no AOT cache" : "AOT cache") + ")",
						"%.1f s CPU (user+system), %.1f s wall".formatted(cpu, wall), "<= 4 s CPU", cpu <= 4);
			}
			measure(world, portal, process);
		}
		catch (Throwable ex) {
			TABLE.noFigure("portal", "", ex);
			ex.printStackTrace();
		}
		finally {
			portal.stop();
		}
	}

	/** Polls readiness every 50 ms (CPU time is read at the first 200). */
	private static void awaitReady(Replica portal, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline && portal.alive()) {
			if (portal.status("/actuator/health/readiness") == 200) {
				return;
			}
			Thread.sleep(50);
		}
		String log = portal.log();
		throw new IllegalStateException("portal not ready within " + timeout + " (alive: " + portal.alive()
				+ "); its log ends: " + log.substring(Math.max(0, log.length() - 2000)));
	}

	private static void seed(List<String> all, List<String> added, int clusters, int podsPerHub, int webhookAlerts)
			throws Exception {
		try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "")) {
			long t = System.nanoTime();
			BenchSeed.changeRequests(db, added, 10_000);
			BenchSeed.audit(db, all, 1_000_000);
			BenchSeed.alerts(db, added, 1_000_000 - webhookAlerts);
			System.out.printf("seeded 10,000 change requests, 1,000,000 audit rows and %,d alerts by SQL in %.0f s%n",
					1_000_000 - webhookAlerts, (System.nanoTime() - t) / 1e9);
			db.createStatement().execute("vacuum analyze");
		}
		TABLE.note(
				"seed: %d hubs on %d clusters, %,d user pods (%,d a hub), 10,000 change requests (1 %% pending), 1,000,000 audit rows, %,d abuse reports; of 1,000,000 alerts %,d through the webhook (intake figure), %,d inserted by SQL"
					.formatted(all.size(), clusters, all.size() * podsPerHub, podsPerHub,
							BenchSeed.reportsPerHub(added.size()) * added.size(), webhookAlerts,
							1_000_000 - webhookAlerts));
	}

	private static void measure(BenchFixture world, Replica portal, PortalProcess process) throws Exception {
		int port = portal.port();
		String staffToken = token(port, "staff");
		String adminToken = token(port, "admin-a");
		BenchPhases phases = new BenchPhases(world, portal, process, staffToken, adminToken);
		Set<String> only = Set.of(System.getProperty("bench.only", BenchPhases.ALL).split(","));
		if (only.contains("intake")) {
			phases.alertIntake();
		}
		if (only.contains("pages")) {
			phases.pages();
		}
		if (only.contains("rate")) {
			phases.fixedRate();
		}
		if (only.contains("approve")) {
			phases.approveToApplied();
		}
		if (only.contains("isolation")) {
			phases.isolation();
		}
		if (only.contains("rss")) {
			phases.memory();
		}
	}

	/** A new API token of a demo user, signed in through the sign-in provider. */
	static String token(int port, String user) {
		SignInClient session = new SignInClient(port);
		session.signIn("cilogon", user);
		var created = session.postJson("/api/v1/tokens", "{\"name\":\"bench\",\"days\":1}",
				session.csrfToken("/tokens"));
		if (created.statusCode() != 201) {
			throw new IllegalStateException("token for " + user + ": " + created.statusCode() + " " + created.body());
		}
		return JSON.readTree(created.body()).get("value").asString();
	}

	private static Map<String, String> environment(BenchFixture world) {
		Map<String, String> environment = new HashMap<>();
		environment.put("SPRING_DATASOURCE_URL", DB_URL);
		environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
		environment.put("HUBGUARD_DEMO", "false");
		environment.put("HUBGUARD_CILOGON_CLIENT_ID", "hubguard-demo");
		environment.put("HUBGUARD_CILOGON_CLIENT_SECRET", "demo-only");
		environment.put("HUBGUARD_CILOGON_ISSUER", world.signInBaseUrl() + "/cilogon");
		environment.put("HUBGUARD_STAFF_CILOGON_USERS", "sam@hubguard.example");
		environment.put("HUBGUARD_STAFF_ROSTER", world.dir().resolve("staff-roster.yaml").toString());
		environment.put("HUBGUARD_CATALOGUE", world.dir().resolve("clusters.yaml").toString());
		environment.put("HUBGUARD_KUBECONFIG", world.dir().resolve("kubeconfig").toString());
		environment.put("HUBGUARD_KEKS", "bench-1:" + Base64.getEncoder().encodeToString(new byte[32]));
		environment.put("HUBGUARD_BIND_ADDRESS", "127.0.0.1");
		environment.put("HUBGUARD_LOG_FORMAT", "");
		return environment;
	}

	/**
	 * The JDK's AOT cache, written by one training start that exits once the context is
	 * refreshed (as bench/start.sh); null, with a note, when it cannot be written.
	 */
	private static Path train(Path dir, Map<String, String> environment, String java, Path app, List<String> flags,
			List<String> arguments) {
		Path aot = dir.resolve("app.aot");
		try {
			List<String> command = new ArrayList<>(List.of(java));
			command.addAll(flags);
			command.addAll(
					List.of("-XX:AOTCacheOutput=" + aot, "-Dspring.context.exit=onRefresh", "-jar", app.toString()));
			command.addAll(arguments);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dir.resolve("train.log").toFile())
				.directory(dir.toFile());
			builder.environment().keySet().removeIf(k -> k.startsWith("HUBGUARD_") || k.startsWith("SPRING_"));
			builder.environment().putAll(environment);
			builder.environment().put("PORT", String.valueOf(Replica.freePort()));
			Process training = builder.start();
			if (!training.waitFor(5, TimeUnit.MINUTES)) {
				training.destroyForcibly();
			}
			if (Files.exists(aot)) {
				return aot;
			}
			TABLE.note("AOT cache not written (see " + dir.resolve("train.log") + "): cold start without it");
		}
		catch (Exception ex) {
			TABLE.note("AOT cache not written: " + ex.getMessage());
		}
		return null;
	}

	private BenchRun() {
	}

}
