package dev.hubguard.bench;

import dev.hubguard.support.SignInClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator of {@code bench/run}, in its own JVM: for each path in turn, a
 * number of clients send requests back to back for a warm-up then a measured period
 * (after {@value #WARM_ALL_SECONDS} s over all the paths in turn), and one line
 * {@code RESULT path requests p50-ms p99-ms requests/s non-2xx errors
 * first-bad-status} is printed. Paths are prefixed {@code page:} (a staff session cookie,
 * signed in here through the sign-in provider), {@code api:} (a staff API token) or
 * {@code open:} (nothing). In {@code background} mode it cycles over the paths until
 * stopped and prints nothing. In {@code rate} mode "clients" is a rate: for each path in
 * turn, requests are sent on a fixed timetable (open loop: a slow answer does not delay
 * the next send) and each latency runs from the time the request was due, so queueing
 * behind a stalled server counts in full (no coordinated omission); one line
 * {@code RATE path requests p50-ms p99-ms max-ms non-2xx errors first-bad-status
 * unanswered} a path (a latency {@code >5000}: unanswered within 5 s of the last due
 * time). Arguments: mode port token clients-or-rate warm-up-s measured-s paths...
 */
public final class PageLoad {

	/** Before measuring, every path in turn for this long (not counted). */
	static final int WARM_ALL_SECONDS = 20;

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		int port = Integer.parseInt(args[1]);
		String token = args[2];
		int clients = Integer.parseInt(args[3]);
		int warmup = Integer.parseInt(args[4]);
		int seconds = Integer.parseInt(args[5]);
		List<String> paths = Arrays.asList(args).subList(6, args.length);
		SignInClient staff = new SignInClient(port);
		HttpResponse<String> landed = staff.signIn("cilogon", "staff");
		if (landed.statusCode() != 200) {
			System.out.println("SIGNIN-FAILED " + landed.statusCode());
		}
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		Target target = new Target(port, token, staff, http);
		if (mode.equals("background")) {
			run(target, paths, clients, 0, Integer.MAX_VALUE);
			return;
		}
		if (mode.equals("rate")) {
			for (String path : paths) {
				System.out.println(atRate(target, path, clients, warmup, seconds));
				drain(target);
			}
			System.exit(0);
		}
		// A server in production has served these pages before: all of them in turn
		// first, so the JIT has compiled what they share before the first one is
		// measured.
		run(target, paths, clients, 0, WARM_ALL_SECONDS);
		for (String path : paths) {
			System.out.println(run(target, List.of(path), clients, warmup, seconds));
		}
		System.exit(0);
	}

	private record Target(int port, String token, SignInClient staff, HttpClient http) {

		/** The status of one request; its body is read in full, as a browser would. */
		int send(String path) throws Exception {
			if (path.startsWith("page:")) {
				return staff.get(path.substring(5)).statusCode();
			}
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + path.substring(path.indexOf(':') + 1)))
				.timeout(Duration.ofSeconds(30));
			if (path.startsWith("api:")) {
				request.header("Authorization", "Bearer " + token);
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode();
		}
	}

	private static String run(Target target, List<String> paths, int clients, int warmup, int seconds)
			throws InterruptedException {
		long start = System.nanoTime();
		long measureFrom = start + warmup * 1_000_000_000L;
		long end = measureFrom + seconds * 1_000_000_000L;
		long[][] latencies = new long[clients][];
		int[] counts = new int[clients];
		Outcomes outcomes = new Outcomes();
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			latencies[c] = new long[4096];
			threads.add(Thread.ofPlatform().start(() -> {
				long i = client;
				while (System.nanoTime() < end) {
					String path = paths.get((int) (i++ % paths.size()));
					long sent = System.nanoTime();
					int status = Outcomes.send(target, path);
					long done = System.nanoTime();
					if (sent < measureFrom || done > end) {
						continue;
					}
					outcomes.count(status);
					if (counts[client] == latencies[client].length) {
						latencies[client] = Arrays.copyOf(latencies[client], counts[client] * 2);
					}
					latencies[client][counts[client]++] = done - sent;
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long[] all = new long[Arrays.stream(counts).sum()];
		int at = 0;
		for (int c = 0; c < clients; c++) {
			System.arraycopy(latencies[c], 0, all, at, counts[c]);
			at += counts[c];
		}
		Arrays.sort(all);
		double p50 = all.length == 0 ? -1 : all[all.length / 2] / 1e6;
		double p99 = all.length == 0 ? -1 : all[p99(all.length)] / 1e6;
		return String.format(java.util.Locale.ROOT, "RESULT %s %d %.1f %.1f %.1f %s", paths.get(0), all.length, p50,
				p99, all.length / (double) seconds, outcomes);
	}

	/**
	 * At most this many requests in flight at the fixed rate; later ones wait their turn.
	 */
	static final int RATE_SLOTS = 256;

	/**
	 * After the last due time, answers are awaited this long; a request unanswered then
	 * (or never sent, its turn not come) counts as slower than this.
	 */
	static final long GRACE_NANOS = 5_000_000_000L;

	/**
	 * One path at {@code rate} requests a second, each sent from its own virtual thread
	 * at its due time (or as soon as one of {@value #RATE_SLOTS} slots frees, still timed
	 * from its due time), for a warm-up then a measured period. Answers are awaited until
	 * {@link #GRACE_NANOS} after the last due time, then the requests still out are
	 * cancelled and counted as unanswered, so an overloaded page costs the run seconds,
	 * not minutes.
	 */
	private static String atRate(Target target, String path, int rate, int warmup, int seconds)
			throws InterruptedException {
		long interval = 1_000_000_000L / rate;
		int warm = warmup * rate;
		int total = warm + seconds * rate;
		long[] latencies = new long[seconds * rate];
		Arrays.fill(latencies, -1);
		Outcomes outcomes = new Outcomes();
		java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(RATE_SLOTS);
		java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(total);
		long start = System.nanoTime() + 50_000_000L;
		long stop = start + (total - 1) * interval + GRACE_NANOS;
		var senders = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
		for (int i = 0; i < total; i++) {
			long due = start + i * interval;
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				java.util.concurrent.locks.LockSupport.parkNanos(wait);
			}
			if (!slots.tryAcquire(Math.max(0, stop - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)) {
				break;
			}
			int index = i - warm;
			senders.execute(() -> {
				int status = Outcomes.send(target, path);
				long done = System.nanoTime();
				if (index >= 0 && done <= stop) {
					latencies[index] = done - due;
					outcomes.count(status);
				}
				slots.release();
				answered.countDown();
			});
		}
		answered.await(Math.max(0, stop - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
		senders.shutdownNow();
		senders.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
		long[] sorted = latencies.clone();
		int unanswered = 0;
		for (int k = 0; k < sorted.length; k++) {
			if (sorted[k] < 0) {
				sorted[k] = Long.MAX_VALUE;
				unanswered++;
			}
		}
		Arrays.sort(sorted);
		return String.format(java.util.Locale.ROOT, "RATE %s %d %s %s %s %s %d", path, sorted.length,
				millis(sorted[sorted.length / 2]), millis(sorted[p99(sorted.length)]),
				millis(sorted[sorted.length - 1]), outcomes, unanswered);
	}

	/** Where the 99th percentile is in {@code length} sorted values. */
	private static int p99(int length) {
		return Math.min(length - 1, (int) Math.ceil(length * 0.99) - 1);
	}

	/** The answers of one measurement that were not 2xx, and the requests that failed. */
	private static final class Outcomes {

		private final AtomicLong bad = new AtomicLong();

		private final AtomicLong errors = new AtomicLong();

		private final AtomicLong firstBad = new AtomicLong();

		/** The status of one request; -1 when it got no answer. */
		static int send(Target target, String path) {
			try {
				return target.send(path);
			}
			catch (Exception ex) {
				return -1;
			}
		}

		void count(int status) {
			if (status < 0) {
				errors.incrementAndGet();
			}
			else if (status / 100 != 2) {
				bad.incrementAndGet();
				firstBad.compareAndSet(0, status);
			}
		}

		/** Non-2xx answers, failed requests and the first non-2xx status, as printed. */
		@Override
		public String toString() {
			return bad.get() + " " + errors.get() + " " + firstBad.get();
		}

	}

	/**
	 * Waits (at most 30 s) until three liveness checks in a row answer within 100 ms:
	 * what an overloaded path left in the server's queue is done before the next path
	 * starts.
	 */
	private static void drain(Target target) throws InterruptedException {
		long deadline = System.nanoTime() + 30_000_000_000L;
		for (int fast = 0; fast < 3 && System.nanoTime() < deadline;) {
			long t = System.nanoTime();
			Outcomes.send(target, "open:/actuator/health/liveness");
			fast = System.nanoTime() - t <= 100_000_000L ? fast + 1 : 0;
			Thread.sleep(20);
		}
	}

	/** Milliseconds, or {@code >N} for a request unanswered within the grace period. */
	private static String millis(long nanos) {
		return nanos == Long.MAX_VALUE ? ">" + GRACE_NANOS / 1_000_000
				: String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
	}

	private PageLoad() {
	}

}
