package dev.hubguard.bench;

import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.production.Replica;
import dev.hubguard.support.Api;
import dev.hubguard.support.SignInClient;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The measured phases of {@code bench/run}, each adding its rows to the table. */
final class BenchPhases {

	private static final List<String> PAGES = List.of("page:/", "page:/hubs/2i2c/mtu", "page:/changes", "page:/abuse",
			"page:/audit", "page:/staff/isolation", "api:/api/v1/hubs", "api:/api/v1/hubs/2i2c/mtu",
			"api:/api/v1/change-requests", "api:/api/v1/abuse-reports", "api:/api/v1/audit", "api:/api/v1/isolation");

	private static final String MTU = "/api/v1/hubs/2i2c/mtu/internet-access";

	private final DemoRuntime world;

	private final Replica portal;

	private final String staffToken;

	private final String adminToken;

	private final BenchTable table = BenchRun.TABLE;

	BenchPhases(DemoRuntime world, Replica portal, String staffToken, String adminToken) {
		this.world = world;
		this.portal = portal;
		this.staffToken = staffToken;
		this.adminToken = adminToken;
	}

	/**
	 * pgbench's 100-row batches, then the webhook from several senders, one after the
	 * other.
	 */
	void alertIntake() {
		double pgbench = -1;
		try {
			pgbench = pgbench();
			table.add("pgbench 100-row batch inserts (8 clients, 10 s)", "%,.0f rows/s".formatted(pgbench), "", null);
		}
		catch (Exception ex) {
			table.noFigure("pgbench 100-row batch inserts", "", ex);
		}
		try {
			int notifications = Integer.getInteger("bench.notifications", 1000);
			List<String> out = spawn("dev.hubguard.bench.AlertLoadGenerator", "http://127.0.0.1:" + portal.port(),
					BenchRun.ALERTMANAGER_TOKEN, "8", String.valueOf(notifications), "100");
			String line = out.stream()
				.filter(l -> l.startsWith("hubguard intake"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("load generator said: " + String.join(" / ", out)));
			Matcher m = Pattern.compile("([0-9]+) alerts/s.*p99=([0-9.]+) ms, failures=([0-9]+)").matcher(line);
			if (!m.find()) {
				throw new IllegalStateException(line);
			}
			double rate = Double.parseDouble(m.group(1));
			String measured = "%,.0f alerts/s, p99 %s ms, %s failed".formatted(rate, m.group(2), m.group(3));
			if (pgbench > 0) {
				measured += " = %.0f %% of pgbench".formatted(100 * rate / pgbench);
			}
			table.add("alert intake (webhook, 8 senders, 100 alerts each)", measured, ">= 50 % of pgbench",
					pgbench > 0 ? rate >= pgbench / 2 && m.group(3).equals("0") : null);
		}
		catch (Exception ex) {
			table.noFigure("alert intake", ">= 50 % of pgbench", ex);
		}
	}

	private double pgbench() throws Exception {
		try (Connection db = DriverManager.getConnection(BenchRun.DB_URL, "postgres", "")) {
			db.createStatement()
				.execute("create table bench_raw (id bigserial primary key, fingerprint text not null,"
						+ " starts_at timestamptz not null, labels text not null, unique (fingerprint, starts_at))");
		}
		Path script = Files.createTempFile("bench-batch", ".sql");
		Files.writeString(script, "insert into bench_raw (fingerprint, starts_at, labels) select md5(random()::text), "
				+ "now(), '{\"alertname\":\"X\"}' from generate_series(1, 100);\n");
		List<String> out = run(List.of("pgbench", "-n", "-h", "127.0.0.1", "-U", "postgres", "-c", "8", "-j", "2", "-T",
				"10", "-f", script.toString(), BenchRun.DATABASE));
		try (Connection db = DriverManager.getConnection(BenchRun.DB_URL, "postgres", "")) {
			db.createStatement().execute("drop table bench_raw");
		}
		return out.stream()
			.filter(l -> l.startsWith("tps = "))
			.findFirst()
			.map(l -> Double.parseDouble(l.substring(6).split(" ")[0]) * 100)
			.orElseThrow(() -> new IllegalStateException("pgbench said: " + String.join(" / ", out)));
	}

	/**
	 * Liveness, each page and API at 32 clients for 10 s after 2 s of warm-up, then
	 * liveness again: the better of the two is the ceiling (a collection or the first
	 * compilations can fall into one window).
	 */
	void pages() {
		try {
			List<String> args = new ArrayList<>(List.of("measure", String.valueOf(portal.port()), staffToken, "32", "2",
					"10", "open:/actuator/health/liveness"));
			args.addAll(PAGES);
			args.add("open:/actuator/health/liveness");
			List<String> out = spawn("dev.hubguard.bench.PageLoad", args.toArray(String[]::new));
			List<String[]> results = out.stream().filter(l -> l.startsWith("RESULT ")).map(l -> l.split(" ")).toList();
			if (results.isEmpty()) {
				throw new IllegalStateException("load generator said: " + String.join(" / ", out));
			}
			double ceiling = results.stream()
				.filter(r -> r[1].startsWith("open:"))
				.mapToDouble(r -> Double.parseDouble(r[5]))
				.max()
				.orElseThrow();
			boolean first = true;
			for (String[] r : results) {
				double p99 = Double.parseDouble(r[4]);
				double rps = Double.parseDouble(r[5]);
				long bad = Long.parseLong(r[6]) + Long.parseLong(r[7]);
				boolean live = r[1].startsWith("open:");
				String label = r[1].replace("open:", "").replace("page:", "page ").replace("api:", "API ")
						+ (live ? first ? " (before the pages)" : " (after them)" : "");
				first = first && !live;
				if (r[2].equals("0")) {
					table.noFigure(label, live ? "" : "p99 <= 50 ms, >= 30 %",
							new IllegalStateException(
									"no request answered within the 10 s window (%s non-2xx, %s errors)".formatted(r[6],
											r[7])));
					continue;
				}
				String measured = "p50 %s ms, p99 %s ms, %.0f req/s%s%s".formatted(r[3], r[4], rps,
						live ? rps == ceiling ? " (ceiling)" : ""
								: ", %.0f %% of ceiling".formatted(100 * rps / ceiling),
						bad == 0 ? "" : ", %d non-2xx (first %s)".formatted(bad, r[8]));
				table.add(label, measured, live ? "" : "p99 <= 50 ms, >= 30 %",
						live ? null : p99 <= 50 && rps >= 0.3 * ceiling && bad == 0);
			}
		}
		catch (Exception ex) {
			table.noFigure("pages and APIs", "p99 <= 50 ms, >= 30 %", ex);
		}
	}

	/**
	 * 100 widening requests by mtu's admin, each approved by staff, while a few pages are
	 * under load.
	 */
	void approveToApplied() {
		Process background = null;
		try {
			background = javaProcess("dev.hubguard.bench.PageLoad", "background", String.valueOf(portal.port()),
					staffToken, "8", "0", "0", "page:/", "page:/changes", "page:/abuse", "api:/api/v1/hubs")
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectErrorStream(true)
				.start();
			Thread.sleep(3000);
			Api admin = Api.withToken(portal.port(), adminToken);
			Api staff = Api.withToken(portal.port(), staffToken);
			List<Double> millis = new ArrayList<>();
			StringBuilder rules = new StringBuilder();
			try (KubernetesClient cluster = world.cluster("2i2c").client()) {
				for (int k = 1; k <= 100; k++) {
					var desired = admin.get(MTU).json().get("desired");
					int version = desired == null || desired.isNull() ? 0 : desired.get("version").asInt();
					rules.append(k == 1 ? "" : ",")
						.append("{\"cidr\":\"198.51.100.%d/32\",\"protocol\":\"TCP\",\"port\":443,\"reason\":\"mirror %d\"}"
							.formatted(k, k));
					Api.Response filed = admin.put(MTU, """
							{"mode":"ALLOWLIST","rules":[%s],"justification":"mirror %d","baseVersion":%d}"""
						.formatted(rules, k, version));
					if (filed.status() != 202) {
						throw new IllegalStateException("filing " + k + ": " + filed.status() + " " + filed.body());
					}
					Api.Response approved = staff
						.post("/api/v1/change-requests/" + filed.json().get("id").asLong() + "/approve", null);
					long t0 = System.nanoTime();
					if (approved.status() != 200) {
						throw new IllegalStateException(
								"approving " + k + ": " + approved.status() + " " + approved.body());
					}
					String applied = String.valueOf(approved.json().get("appliedVersion").asInt());
					while (!applied.equals(annotation(cluster))) {
						if (System.nanoTime() - t0 > 30_000_000_000L) {
							throw new IllegalStateException("version " + applied + " not applied within 30 s");
						}
						Thread.sleep(5);
					}
					millis.add((System.nanoTime() - t0) / 1e6);
				}
			}
			Collections.sort(millis);
			double p99 = millis.get(98);
			table.add("approve -> applied, 100 approvals, pages under load",
					"p50 %.0f ms, p99 %.0f ms".formatted(millis.get(49), p99), "p99 <= 500 ms", p99 <= 500);
		}
		catch (Exception ex) {
			table.noFigure("approve -> applied", "p99 <= 500 ms", ex);
		}
		finally {
			if (background != null) {
				background.destroy();
			}
		}
	}

	private static String annotation(KubernetesClient cluster) {
		NetworkPolicy policy = cluster.network()
			.v1()
			.networkPolicies()
			.inNamespace("mtu")
			.withName("hubguard-egress")
			.get();
		return policy == null || policy.getMetadata().getAnnotations() == null ? null
				: policy.getMetadata().getAnnotations().get("hubguard.dev/desired-version");
	}

	/**
	 * Every hub's isolation report through the API, five times, counting API server
	 * requests.
	 */
	void isolation() {
		try {
			Thread.sleep(2000);
			Api staff = Api.withToken(portal.port(), staffToken);
			List<Double> millis = new ArrayList<>();
			long before = BenchRun.clusterRequests(world);
			int hubs = 0;
			for (int i = 0; i < 5; i++) {
				long t = System.nanoTime();
				Api.Response reports = staff.get("/api/v1/isolation");
				millis.add((System.nanoTime() - t) / 1e6);
				if (reports.status() != 200) {
					throw new IllegalStateException("GET /api/v1/isolation: " + reports.status());
				}
				hubs = reports.json().size();
			}
			long requests = BenchRun.clusterRequests(world) - before;
			Collections.sort(millis);
			table.add("isolation reports, all hubs (GET /api/v1/isolation x5)",
					"median %.0f ms, worst %.0f ms, %d API requests".formatted(millis.get(2), millis.get(4), requests),
					"<= 1000 ms, 0 requests", millis.get(4) <= 1000 && requests == 0);
		}
		catch (Exception ex) {
			table.noFigure("isolation reports", "<= 1000 ms, 0 requests", ex);
		}
	}

	void rss() {
		try {
			String status = Files.readString(Path.of("/proc/" + portal.pid() + "/status"));
			long kib = status.lines()
				.filter(l -> l.startsWith("VmRSS:"))
				.map(l -> l.replaceAll("[^0-9]", ""))
				.mapToLong(Long::parseLong)
				.findFirst()
				.orElseThrow();
			table.add("portal RSS at the end", "%d MiB".formatted(kib / 1024), "<= 512 MiB", kib / 1024 <= 512);
		}
		catch (Exception ex) {
			table.noFigure("portal RSS", "<= 512 MiB", ex);
		}
		try {
			table.add("portal heap live after a full GC, and committed", liveHeap(), "", null);
		}
		catch (Exception ex) {
			table.noFigure("portal live heap", "", ex);
		}
	}

	/** Runs a full collection in the portal (jcmd) and reads the heap it leaves. */
	private String liveHeap() throws Exception {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		String pid = Long.toString(portal.pid());
		run(List.of(jcmd, pid, "GC.run"));
		String info = String.join("\n", run(List.of(jcmd, pid, "GC.heap_info")));
		java.util.regex.Matcher total = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
		long committed = 0;
		long used = 0;
		while (total.find()) {
			committed += Long.parseLong(total.group(1));
			used += Long.parseLong(total.group(2));
		}
		if (committed == 0) {
			throw new IllegalStateException("jcmd GC.heap_info printed no heap: " + info);
		}
		return "%d MiB live, %d MiB committed".formatted(used / 1024, committed / 1024);
	}

	static ProcessBuilder javaProcess(String main, String... args) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
						System.getProperty("java.class.path"), main));
		command.addAll(List.of(args));
		return new ProcessBuilder(command);
	}

	/** Runs a class of this classpath in its own JVM; its output lines. */
	static List<String> spawn(String main, String... args) throws Exception {
		return run(javaProcess(main, args).command());
	}

	static List<String> run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				System.out.println("    | " + line);
				lines.add(line);
			}
		}
		process.waitFor();
		return lines;
	}

	static {
		Locale.setDefault(Locale.ROOT);
	}

}
