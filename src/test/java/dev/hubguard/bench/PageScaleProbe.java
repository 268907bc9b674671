package dev.hubguard.bench;

import dev.hubguard.HubguardApplication;
import dev.hubguard.cluster.CacheState;
import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.demo.DemoPreload;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.SignInClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The pages of {@code bench/run} at its scale, in one JVM and without its load phases:
 * seeds what {@link BenchRun} seeds (100 hubs on the demo's four clusters, 1,000 user
 * pods each, 10,000 change requests, 1,000,000 audit rows and 1,000,000 alerts, in the
 * database {@code hubguard_page_probe}, recreated), starts the portal in-process and
 * prints, per page, one staff client's time per request and then 8 concurrent clients'.
 * Run with {@code bench/pages.sh}.
 */
public final class PageScaleProbe {

	static final String DB = "jdbc:postgresql://127.0.0.1:5432/hubguard_page_probe";

	static final List<String> PAGES = List.of("page:/", "page:/hubs/2i2c/mtu", "page:/hubs/2i2c/mtu/isolation",
			"page:/hubs/2i2c/mtu/abuse", "api:/api/v1/hubs/2i2c/mtu/isolation", "page:/abuse", "page:/staff/isolation",
			"page:/changes", "page:/audit", "api:/api/v1/isolation", "api:/api/v1/abuse-reports", "api:/api/v1/hubs",
			"api:/api/v1/change-requests", "api:/api/v1/audit");

	public static void main(String[] args) throws Exception {
		java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
				null)) {
			admin.createStatement().execute("drop database if exists hubguard_page_probe with (force)");
			admin.createStatement().execute("create database hubguard_page_probe");
		}
		org.flywaydb.core.Flyway.configure()
			.dataSource(DB, "postgres", "")
			.locations("classpath:db/migration")
			.load()
			.migrate();
		Path dir = Path.of("target/demo-page-probe");
		long t = System.nanoTime();
		DemoRuntime world = DemoPreload.start(dir, DB);
		List<String> added = BenchSeed.clusters(world, 100, 1000);
		List<String> all = BenchSeed.hubs(world.dir().resolve("clusters.yaml"))
			.values()
			.stream()
			.flatMap(List::stream)
			.toList();
		try (Connection db = DriverManager.getConnection(DB, "postgres", "")) {
			BenchSeed.changeRequests(db, added, 10_000);
			BenchSeed.audit(db, all, 1_000_000);
			BenchSeed.alerts(db, added, 1_000_000);
			db.createStatement().execute("vacuum analyze");
		}
		System.out.printf("seeded %d hubs in %.0f s%n", all.size(), (System.nanoTime() - t) / 1e9);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HubguardApplication.class).run(
				"--hubguard.demo.mode=true", "--hubguard.demo.dir=" + dir, "--server.port=0",
				"--spring.datasource.url=" + DB, "--spring.datasource.username=postgres", "--logging.level.root=warn",
				"--logging.level.dev.hubguard.isolation.LatestReports=debug", "--logging.structured.format.console=",
				"--hubguard.cryptnono.poll-interval=1h", "--hubguard.abuse.pod-scan-interval=1h");
		int status = 0;
		try {
			run(context);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		finally {
			context.close();
		}
		System.exit(status);
	}

	private static void run(ConfigurableApplicationContext context) throws Exception {
		ClusterCaches caches = context.getBean(ClusterCaches.class);
		long deadline = System.nanoTime() + 600_000_000_000L;
		while (true) {
			long pods = 0;
			boolean synced = true;
			for (String cluster : DemoRuntime.current().orElseThrow().clusters().keySet()) {
				var cache = caches.forCluster(cluster).orElseThrow();
				synced &= cache.state().status() == CacheState.Status.SYNCED;
				pods += cache.userPods().size();
			}
			if (synced && pods >= 100_000) {
				break;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("caches not synced: " + pods + " user pods");
			}
			Thread.sleep(500);
		}
		System.out.println("caches synced");
		Thread.sleep(20_000);
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		Api api = Api.as(port, context.getBean(Accounts.class), context.getBean(ApiTokens.class),
				Api.cilogon("sam@hubguard.example", null));
		SignInClient staff = new SignInClient(port);
		staff.signIn("cilogon", "staff");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		for (String page : PAGES) {
			String path = page.substring(page.indexOf(':') + 1);
			Supplier<Integer> get = page.startsWith("page:") ? () -> status(staff.get(path))
					: () -> api.get(path).status();
			List<Double> single = new ArrayList<>();
			int code = 0;
			for (int i = 0; i < 6; i++) {
				long start = System.nanoTime();
				code = get.get();
				if (i > 0) {
					single.add((System.nanoTime() - start) / 1e6);
				}
			}
			Collections.sort(single);
			List<Future<Double>> futures = new ArrayList<>();
			long wall = System.nanoTime();
			for (int i = 0; i < 16; i++) {
				futures.add(pool.submit(() -> {
					long start = System.nanoTime();
					get.get();
					return (System.nanoTime() - start) / 1e6;
				}));
			}
			List<Double> concurrent = new ArrayList<>();
			for (Future<Double> f : futures) {
				concurrent.add(f.get(300, TimeUnit.SECONDS));
			}
			Collections.sort(concurrent);
			System.out.printf(
					"%-28s %d  one client: median %7.1f ms, worst %7.1f ms | 8 clients: median %7.1f ms, "
							+ "worst %7.1f ms, %.1f req/s%n",
					page, code, single.get(2), single.get(4), concurrent.get(8), concurrent.get(15),
					16 / ((System.nanoTime() - wall) / 1e9));
		}
		pool.shutdown();
	}

	private static int status(HttpResponse<String> response) {
		return response.statusCode();
	}

	private PageScaleProbe() {
	}

}
