package dev.hubguard.bench;

import dev.hubguard.production.Replica;
import dev.hubguard.support.Api;
import dev.hubguard.support.SignInClient;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import tools.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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

	/** The phases BENCH_ONLY can name, all by default. */
	static final String ALL = "intake,pages,rate,approve,isolation,rss";

	private static final String MTU = "/api/v1/hubs/2i2c/mtu/internet-access";

	private static final String LIVENESS = "open:/actuator/health/liveness";

	private final BenchFixture world;

	private final Replica portal;

	private final PortalProcess process;

	private final String staffToken;

	private final String adminToken;

	private final BenchTable table = BenchRun.TABLE;

	BenchPhases(BenchFixture world, Replica portal, PortalProcess process, String staffToken, String adminToken) {
		this.world = world;
		this.portal = portal;
		this.process = process;
		this.staffToken = staffToken;
		this.adminToken = adminToken;
	}

	/**
	 * pgbench inserting 100-row batches shaped like intake's into a copy of
	 * {@code abuse_alerts}, then the webhook from several senders, one after the other.
	 */
	void alertIntake() {
		double pgbench = -1;
		try {
			for (int attempt = 1; pgbench < 0; attempt++) {
				try {
					pgbench = pgbench();
				}
				catch (java.sql.SQLException ex) {
					// Other processes on a shared server can hold every connection for a
					// while.
					if (attempt == 3 || !String.valueOf(ex.getMessage()).contains("too many clients")) {
						throw ex;
					}
					Thread.sleep(10_000);
				}
			}
			table.add("pgbench: 100-row batches into a copy of abuse_alerts (8 clients, 10 s)",
					"%,.0f rows/s".formatted(pgbench), "", null);
		}
		catch (Exception ex) {
			table.noFigure("pgbench 100-row batch inserts", "", ex);
		}
		try {
			int notifications = Integer.getInteger("bench.notifications", 1000);
			List<String> out = spawn("dev.hubguard.bench.AlertLoadGenerator", "http://127.0.0.1:" + portal.port(),
					BenchRun.ALERTMANAGER_TOKEN, "8", String.valueOf(notifications), "100", "90");
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
			measured += pgbench > 0 ? " = %.0f %% of pgbench's %,.0f rows/s".formatted(100 * rate / pgbench, pgbench)
					: " (no pgbench figure to compare)";
			Matcher count = Pattern.compile("intake: ([0-9]+) notifications").matcher(line);
			if (count.find() && Integer.parseInt(count.group(1)) < notifications) {
				measured += " (%s of %d notifications sent within 90 s)".formatted(count.group(1), notifications);
			}
			table.add("alert intake (webhook, 8 senders, 100 alerts a notification)", measured, ">= 50 % of pgbench",
					pgbench > 0 ? rate >= pgbench / 2 && m.group(3).equals("0") : null);
		}
		catch (Exception ex) {
			table.noFigure("alert intake", ">= 50 % of pgbench", ex);
		}
	}

	/**
	 * Rows a second that pgbench inserts into {@code bench_alerts}: {@code abuse_alerts}'
	 * columns, defaults, indexes, keys and checks ({@code LIKE ... INCLUDING ALL}) plus
	 * its foreign keys and triggers, which {@code LIKE} leaves out; each transaction one
	 * statement of 100 rows as intake stores a notification's alerts (one source, new
	 * fingerprints, 8 hubs, reports that exist).
	 */
	private double pgbench() throws Exception {
		long lo;
		long hi;
		try (Connection db = DriverManager.getConnection(BenchRun.DB_URL, "postgres", "")) {
			Statement sql = db.createStatement();
			sql.execute("drop table if exists bench_alerts");
			sql.execute("create table bench_alerts (like abuse_alerts including all)");
			List<String> copied = new ArrayList<>();
			List<String[]> keys = new ArrayList<>();
			try (ResultSet fk = sql.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint"
					+ " where conrelid = 'abuse_alerts'::regclass and contype = 'f'")) {
				while (fk.next()) {
					keys.add(new String[] { fk.getString(1), fk.getString(2) });
				}
			}
			for (String[] key : keys) {
				sql.execute("alter table bench_alerts add constraint bench_" + key[0] + " " + key[1]);
				copied.add("foreign key " + key[0]);
			}
			List<String> triggers = new ArrayList<>();
			try (ResultSet t = sql.executeQuery("select tgname, pg_get_triggerdef(oid) from pg_trigger"
					+ " where tgrelid = 'abuse_alerts'::regclass and not tgisinternal")) {
				while (t.next()) {
					triggers.add(t.getString(2)
						.replaceFirst(" ON (public\\.)?abuse_alerts ", " ON bench_alerts ")
						.replaceFirst("TRIGGER " + Pattern.quote(t.getString(1)) + " ",
								"TRIGGER bench_" + t.getString(1) + " "));
					copied.add("trigger " + t.getString(1));
				}
			}
			for (String trigger : triggers) {
				sql.execute(trigger);
			}
			try (ResultSet range = sql
				.executeQuery("select min(id), max(id), count(*) from abuse_reports where ref like 'seed%'")) {
				range.next();
				lo = range.getLong(1);
				hi = range.getLong(2);
				if (range.getLong(3) == 0 || hi - lo + 1 != range.getLong(3)) {
					// No seeded reports (BENCH_SEED=none), or not numbered one after the
					// other: one report for every row.
					try (ResultSet one = sql.executeQuery("""
							insert into abuse_reports (ref, hub, subject, username, state, opened_at, updated_at)
							values ('bench-pgbench', '2i2c/mtu', 'user:bench-pgbench', 'bench-pgbench', 'RESOLVED',
							    now(), now()) returning id""")) {
						one.next();
						lo = one.getLong(1);
						hi = lo;
					}
				}
			}
			table.note("pgbench's table: like abuse_alerts including all%s"
				.formatted(copied.isEmpty() ? "" : ", plus " + String.join(", ", copied)));
		}
		Path script = Files.createTempFile("bench-batch", ".sql");
		Files.writeString(script,
				"""
						insert into bench_alerts (source, fingerprint, starts_at, ends_at, status, alertname, severity, cluster,
						    namespace, hub, pod, username, summary, labels, generator_url, report_id, received_at)
						select 'alertmanager', substr(md5(random()::text), 1, 16), now(), null, 'firing', 'UserMemoryNearLimit',
						    'warning', c, n, c || '/' || n, 'jupyter-user' || u, 'user' || u, 'memory near limit',
						    '{"alertname":"UserMemoryNearLimit","cluster":"' || c || '","namespace":"' || n
						        || '","pod":"jupyter-user' || u || '","severity":"warning"}',
						    'http://prometheus:9090/graph', :lo + (random() * (:hi - :lo))::bigint, now()
						from generate_series(1, 100) g, lateral (select
						    (array['2i2c', '2i2c', 'hhmi', 'hhmi', 'nasa-cryo', 'nasa-cryo', 'cloudbank', 'cloudbank'])[1 + g % 8] as c,
						    (array['mtu', 'staging', 'spyglass', 'binder', 'prod', 'staging', 'ucla', 'laney'])[1 + g % 8] as n,
						    (random() * 199)::int as u) x;
						""");
		List<String> out = List.of();
		for (int attempt = 0; attempt < 3; attempt++) {
			// Other processes on a shared server can hold every connection for a while.
			Thread.sleep(attempt * 10_000L);
			out = run(List.of("pgbench", "-n", "-h", "127.0.0.1", "-U", "postgres", "-c", "8", "-j", "2", "-T", "10",
					"-D", "lo=" + lo, "-D", "hi=" + hi, "-f", script.toString(), BenchRun.DATABASE));
			if (out.stream().noneMatch(l -> l.contains("too many clients"))) {
				break;
			}
		}
		List<String> said = out;
		try (Connection db = DriverManager.getConnection(BenchRun.DB_URL, "postgres", "")) {
			db.createStatement().execute("drop table bench_alerts");
		}
		return out.stream()
			.filter(l -> l.startsWith("tps = "))
			.findFirst()
			.map(l -> Double.parseDouble(l.substring(6).split(" ")[0]) * 100)
			.orElseThrow(() -> new IllegalStateException("pgbench said: " + String.join(" / ", said)));
	}

	/**
	 * Liveness, each page and API at 32 clients for 10 s after 2 s of warm-up, then
	 * liveness again: the better of the two is the ceiling (a collection or the first
	 * compilations can fall into one window). A page's target is 30 % of the ceiling, an
	 * API's 50 %.
	 */
	void pages() {
		try {
			List<String> args = new ArrayList<>(
					List.of("measure", String.valueOf(portal.port()), staffToken, "32", "2", "10", LIVENESS));
			args.addAll(PAGES);
			args.add(LIVENESS);
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
				double rps = Double.parseDouble(r[5]);
				long bad = Long.parseLong(r[6]) + Long.parseLong(r[7]);
				boolean live = r[1].startsWith("open:");
				double share = r[1].startsWith("page:") ? 0.3 : 0.5;
				String target = live ? "" : ">= %.0f %% of ceiling".formatted(100 * share);
				String label = label(r[1]) + " at 32 clients"
						+ (live ? first ? " (before the pages)" : " (after them)" : "");
				first = first && !live;
				if (r[2].equals("0")) {
					table.noFigure(label, target,
							new IllegalStateException(
									"no request answered within the 10 s window (%s non-2xx, %s errors)".formatted(r[6],
											r[7])));
					continue;
				}
				String measured = "%.0f req/s%s, p50 %s ms, p99 %s ms%s".formatted(rps,
						live ? rps == ceiling ? " (ceiling)" : ""
								: " = %.0f %% of ceiling".formatted(100 * rps / ceiling),
						r[3], r[4], bad == 0 ? "" : ", %d non-2xx (first %s)".formatted(bad, r[8]));
				table.add(label, measured, target, live ? null : rps >= share * ceiling && bad == 0);
			}
		}
		catch (Exception ex) {
			table.noFigure("pages and APIs at 32 clients", ">= 30 % (pages), 50 % (APIs) of ceiling", ex);
		}
	}

	/**
	 * Each page and API (liveness first, for reference) at a fixed 100 requests a second,
	 * open loop, for 10 s after 2 s of warm-up: latency from each request's due time.
	 */
	void fixedRate() {
		try {
			List<String> args = new ArrayList<>(
					List.of("rate", String.valueOf(portal.port()), staffToken, "100", "2", "10", LIVENESS));
			args.addAll(PAGES);
			List<String> out = spawn("dev.hubguard.bench.PageLoad", args.toArray(String[]::new));
			List<String[]> results = out.stream().filter(l -> l.startsWith("RATE ")).map(l -> l.split(" ")).toList();
			if (results.isEmpty()) {
				throw new IllegalStateException("load generator said: " + String.join(" / ", out));
			}
			for (String[] r : results) {
				boolean censored = r[4].startsWith(">");
				double p99 = censored ? Double.POSITIVE_INFINITY : Double.parseDouble(r[4]);
				long bad = Long.parseLong(r[6]) + Long.parseLong(r[7]);
				boolean live = r[1].startsWith("open:");
				String target = live ? "" : "p99 <= 50 ms";
				String measured = "p50 %s ms, p99 %s ms, max %s ms%s%s".formatted(r[3], r[4], r[5],
						bad == 0 ? "" : ", %d non-2xx or failed (first %s)".formatted(bad, r[8]), r[9].equals("0") ? ""
								: ", %s of %s unanswered 5 s after the last was due".formatted(r[9], r[2]));
				table.add(label(r[1]) + " at 100 req/s (open loop)", measured, target,
						live ? null : p99 <= 50 && bad == 0);
			}
		}
		catch (Exception ex) {
			table.noFigure("pages and APIs at 100 req/s", "p99 <= 50 ms", ex);
		}
	}

	private static String label(String path) {
		return path.replace("open:", "").replace("page:", "page ").replace("api:", "API ");
	}

	/**
	 * 100 widening requests by mtu's admin (an allow-list of 1 to 100 rules), each
	 * approved by staff, with nothing else running; then 100 more (101 to 200 rules)
	 * while a few pages are under load. Each time runs from the approve request's send to
	 * the policy's version annotation on the API server.
	 */
	void approveToApplied() {
		int hubs = Integer.getInteger("bench.hubs", 100);
		try {
			Thread.sleep(3000);
			double[] quiet = approvals(0);
			table.add("approve -> applied, quiet, %d hubs (100 approvals)".formatted(hubs),
					"p50 %.0f ms, p99 %.0f ms%s".formatted(quiet[0], quiet[1], stalls(quiet[2])), "p99 <= 100 ms",
					quiet[1] <= 100);
		}
		catch (Exception ex) {
			table.noFigure("approve -> applied, quiet", "p99 <= 100 ms", ex);
		}
		Process background = null;
		try {
			background = javaProcess("dev.hubguard.bench.PageLoad", "background", String.valueOf(portal.port()),
					staffToken, "8", "0", "0", "page:/", "page:/changes", "page:/abuse", "api:/api/v1/hubs")
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectErrorStream(true)
				.start();
			Thread.sleep(3000);
			double[] loaded = approvals(100);
			table.add("approve -> applied, pages under load (8 clients; 100 approvals)",
					"p50 %.0f ms, p99 %.0f ms%s".formatted(loaded[0], loaded[1], stalls(loaded[2])), "p99 <= 250 ms",
					loaded[1] <= 250);
		}
		catch (Exception ex) {
			table.noFigure("approve -> applied under load", "p99 <= 250 ms", ex);
		}
		finally {
			if (background != null) {
				background.destroy();
			}
		}
	}

	private static String stalls(double count) {
		return count == 0 ? "" : "; %.0f reads of the policy timed out after 2 s (API server stalled)".formatted(count);
	}

	/**
	 * p50 and p99 in ms of 100 approvals, numbered from {@code from}, and how many reads
	 * of the policy timed out.
	 */
	private double[] approvals(int from) throws Exception {
		Api admin = Api.withToken(portal.port(), adminToken);
		Api staff = Api.withToken(portal.port(), staffToken);
		List<Double> millis = new ArrayList<>();
		java.util.concurrent.atomic.AtomicInteger stalls = new java.util.concurrent.atomic.AtomicInteger();
		try (KubernetesClient cluster = world.client("2i2c", java.time.Duration.ofSeconds(2))) {
			for (int k = from + 1; k <= from + 100; k++) {
				var desired = admin.get(MTU).json().get("desired");
				int version = desired == null || desired.isNull() ? 0 : desired.get("version").asInt();
				// k rules: each request adds one, so each widens access and needs an
				// approval (a narrowing one is applied at once); 200 is the most an
				// allow-list takes.
				StringBuilder rules = new StringBuilder();
				for (int r = 1; r <= k; r++) {
					rules.append(r == 1 ? "" : ",")
						.append("{\"cidr\":\"198.51.100.%d/32\",\"protocol\":\"TCP\",\"port\":443,\"reason\":\"mirror %d\"}"
							.formatted(r, r));
				}
				Api.Response filed = admin.put(MTU, """
						{"mode":"ALLOWLIST","rules":[%s],"justification":"mirror %d","baseVersion":%d}"""
					.formatted(rules, k, version));
				if (filed.status() != 202) {
					throw new IllegalStateException("filing " + k + ": " + filed.status() + " " + filed.body());
				}
				long t0 = System.nanoTime();
				Api.Response approved = staff
					.post("/api/v1/change-requests/" + filed.json().get("id").asLong() + "/approve", null);
				if (approved.status() != 200) {
					throw new IllegalStateException(
							"approving " + k + ": " + approved.status() + " " + approved.body());
				}
				String applied = String.valueOf(approved.json().get("appliedVersion").asInt());
				while (!applied.equals(annotation(cluster, stalls))) {
					if (System.nanoTime() - t0 > 30_000_000_000L) {
						throw new IllegalStateException("version " + applied + " not applied within 30 s");
					}
					Thread.sleep(2);
				}
				millis.add((System.nanoTime() - t0) / 1e6);
			}
		}
		Collections.sort(millis);
		return new double[] { millis.get(49), millis.get(98), stalls.get() };
	}

	/**
	 * The policy's version annotation; null, counting a stall, when the API server does
	 * not answer the read within 2 s (the in-memory server's event loop stalls at times;
	 * the approval's clock keeps running).
	 */
	private static String annotation(KubernetesClient cluster, java.util.concurrent.atomic.AtomicInteger stalls) {
		NetworkPolicy policy;
		try {
			policy = cluster.network().v1().networkPolicies().inNamespace("mtu").withName("hubguard-egress").get();
		}
		catch (io.fabric8.kubernetes.client.KubernetesClientException ex) {
			stalls.incrementAndGet();
			return null;
		}
		return policy == null || policy.getMetadata().getAnnotations() == null ? null
				: policy.getMetadata().getAnnotations().get("hubguard.dev/desired-version");
	}

	/**
	 * Every hub's isolation report through the API, one after the other, then the
	 * isolation matrix of all hubs page by page (200 hubs a page) three times, counting
	 * the API servers' requests meanwhile.
	 */
	void isolation() {
		String target = "worst <= 100 ms, 0 API requests";
		try {
			Thread.sleep(2000);
			Api staff = Api.withToken(portal.port(), staffToken);
			List<String> hubs = BenchSeed.hubs(world.dir().resolve("clusters.yaml"))
				.values()
				.stream()
				.flatMap(List::stream)
				.toList();
			long before = world.requests();
			List<Double> millis = new ArrayList<>();
			for (String hub : hubs) {
				long t = System.nanoTime();
				Api.Response report = staff.get("/api/v1/hubs/" + hub + "/isolation");
				millis.add((System.nanoTime() - t) / 1e6);
				if (report.status() != 200) {
					throw new IllegalStateException("GET /api/v1/hubs/" + hub + "/isolation: " + report.status());
				}
			}
			List<Double> pages = new ArrayList<>();
			int rows = 0;
			for (int i = 0; i < 3; i++) {
				rows = 0;
				String next = null;
				do {
					String path = "/api/v1/isolation?limit=200"
							+ (next == null ? "" : "&cursor=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
					long t = System.nanoTime();
					Api.Response page = staff.get(path);
					pages.add((System.nanoTime() - t) / 1e6);
					if (page.status() != 200) {
						throw new IllegalStateException("GET " + path + ": " + page.status());
					}
					rows += page.json().get("rows").size();
					JsonNode cursor = page.json().get("next");
					next = cursor == null || cursor.isNull() ? null : cursor.asString();
				}
				while (next != null);
			}
			long requests = world.requests() - before;
			Collections.sort(millis);
			Collections.sort(pages);
			double worst = millis.get(millis.size() - 1);
			double worstPage = pages.get(pages.size() - 1);
			table.add(
					"isolation report of each hub, all %d hubs (GET /api/v1/hubs/{hub}/isolation)"
						.formatted(hubs.size()),
					"median %.0f ms, worst %.0f ms; %d API requests during this and the next row".formatted(
							millis.get(millis.size() / 2), worst, requests),
					target, worst <= 100 && requests == 0);
			table.add("isolation matrix, all hubs (%d rows) in pages of 200, x3".formatted(rows),
					"median page %.0f ms, worst page %.0f ms".formatted(pages.get(pages.size() / 2), worstPage),
					"worst <= 100 ms", worstPage <= 100);
		}
		catch (Exception ex) {
			table.noFigure("isolation reports", target, ex);
		}
	}

	/**
	 * RSS, GC's share of the CPU since readiness, the native memory breakdown, the live
	 * heap after a full collection and the heap a cached pod takes.
	 */
	void memory() {
		try {
			long kib = process.rssKib();
			table.add("portal RSS at the end", "%d MiB".formatted(kib / 1024), "<= 512 MiB", kib / 1024 <= 512);
		}
		catch (Exception ex) {
			table.noFigure("portal RSS", "<= 512 MiB", ex);
		}
		try {
			double gc = process.gcCpuSeconds();
			double cpu = process.cpuSeconds();
			double[] ready = process.atReady();
			double share = (gc - ready[1]) / (cpu - ready[0]);
			String pauses;
			try {
				pauses = "; pauses %.1f s wall (jstat GCT, whole life)".formatted(process.gcSeconds());
			}
			catch (Exception ex) {
				pauses = "";
			}
			table.add("GC share of portal CPU since ready (GC threads' CPU / process CPU)",
					"%.1f s of %.0f s = %.1f %% (%.1f %% over the whole life)%s".formatted(gc - ready[1],
							cpu - ready[0], 100 * share, 100 * gc / cpu, pauses),
					"< 5 %", share < 0.05);
		}
		catch (Exception ex) {
			table.noFigure("GC share of CPU", "< 5 %", ex);
		}
		try {
			table.add("portal native memory (NMT summary, largest categories, MiB)", process.nativeMemory(8), "", null);
		}
		catch (Exception ex) {
			table.noFigure("portal native memory", "", ex);
		}
		long live = -1;
		try {
			long[] heap = process.liveHeapKib();
			live = heap[0];
			table.add("portal heap live after a full GC, and committed",
					"%d MiB live, %d MiB committed".formatted(heap[0] / 1024, heap[1] / 1024), "", null);
		}
		catch (Exception ex) {
			table.noFigure("portal live heap", "", ex);
		}
		try {
			List<String> out = spawn("dev.hubguard.bench.PodMemoryProbe", "20000", "bench");
			String bench = out.stream()
				.filter(l -> l.startsWith("bench "))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("probe said: " + String.join(" / ", out)));
			String[] columns = bench.trim().split("\\s+");
			table.add("bytes per cached pod (PodMemoryProbe, 20,000 bench pods, cache form)",
					"%s B%s".formatted(columns[2], live < 0 ? "" : "; the portal's whole live heap / %,d pods = %,d B"
						.formatted(BenchRun.PODS, live * 1024 / BenchRun.PODS)),
					"", null);
		}
		catch (Exception ex) {
			table.noFigure("bytes per cached pod", "", ex);
		}
	}

	static ProcessBuilder javaProcess(String main, String... args) {
		return javaProcess(List.of("-Xmx512m"), main, args);
	}

	static ProcessBuilder javaProcess(List<String> flags, String main, String... args) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(flags);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
		command.addAll(List.of(args));
		return new ProcessBuilder(command);
	}

	/** Runs a class of this classpath in its own JVM; its output lines. */
	static List<String> spawn(String main, String... args) throws Exception {
		return run(javaProcess(main, args).command());
	}

	static List<String> run(List<String> command) throws Exception {
		return run(command, true);
	}

	/** Runs a command; its output lines, echoed indented when {@code echo}. */
	static List<String> run(List<String> command, boolean echo) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				if (echo) {
					System.out.println("    | " + line);
				}
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
