package dev.hubguard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts Alertmanager notifications to a running Hubguard from its own process, on
 * loopback, and prints alerts per second and request latency. Each alert is new (its own
 * fingerprint); pods repeat, as users do. Arguments: base URL, webhook token, concurrent
 * senders, notifications, alerts per notification, and optionally a time limit in seconds
 * after which no more notifications are sent (on a busy machine; the rate is over those
 * sent).
 */
public final class AlertLoadGenerator {

	private static final String[] HUBS = { "2i2c:mtu", "2i2c:staging", "hhmi:spyglass", "hhmi:binder", "nasa-cryo:prod",
			"nasa-cryo:staging", "cloudbank:ucla", "cloudbank:laney" };

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String token = args[1];
		int senders = Integer.parseInt(args[2]);
		int notifications = Integer.parseInt(args[3]);
		int perNotification = Integer.parseInt(args[4]);
		long limit = args.length > 5 ? Long.parseLong(args[5]) * 1_000_000_000L : Long.MAX_VALUE;
		AtomicLong dispatched = new AtomicLong();
		AtomicLong sequence = new AtomicLong();
		List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicLong failures = new AtomicLong();
		try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				ExecutorService pool = Executors.newFixedThreadPool(senders)) {
			// Warm up: a few notifications not counted.
			for (int i = 0; i < 5; i++) {
				send(client, base, token, body(sequence, perNotification));
			}
			List<Future<?>> work = new ArrayList<>();
			long started = System.nanoTime();
			for (int i = 0; i < notifications; i++) {
				work.add(pool.submit(() -> {
					if (System.nanoTime() - started > limit) {
						return null;
					}
					dispatched.incrementAndGet();
					String body = body(sequence, perNotification);
					long sent = System.nanoTime();
					int status = send(client, base, token, body);
					latencies.add((System.nanoTime() - sent) / 1e6);
					if (status != 200) {
						failures.incrementAndGet();
					}
					return null;
				}));
			}
			for (Future<?> future : work) {
				future.get();
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			List<Double> sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			System.out.printf(
					"hubguard intake: %d notifications x %d alerts from %d senders in %.1f s: %.0f alerts/s, "
							+ "request p50=%.1f ms p99=%.1f ms, failures=%d%n",
					dispatched.get(), perNotification, senders, seconds, dispatched.get() * perNotification / seconds,
					sorted.get(sorted.size() / 2),
					sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)), failures.get());
		}
	}

	private static int send(HttpClient client, String base, String token, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/alertmanager"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static String body(AtomicLong sequence, int alerts) {
		StringBuilder body = new StringBuilder("{\"version\":\"4\",\"groupKey\":\"bench\",\"status\":\"firing\","
				+ "\"receiver\":\"hubguard\",\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},"
				+ "\"externalURL\":\"http://alertmanager:9093\",\"alerts\":[");
		String now = Instant.now().toString();
		for (int i = 0; i < alerts; i++) {
			long n = sequence.incrementAndGet();
			String[] hub = HUBS[(int) (n % HUBS.length)].split(":");
			if (i > 0) {
				body.append(',');
			}
			body.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"UserMemoryNearLimit\",\"cluster\":\"")
				.append(hub[0])
				.append("\",\"namespace\":\"")
				.append(hub[1])
				.append("\",\"pod\":\"jupyter-user")
				.append(n % 200)
				.append("\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"memory near limit\"},\"startsAt\":\"")
				.append(now)
				.append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus:9090/graph\",")
				.append("\"fingerprint\":\"")
				.append(String.format("%016x", n))
				.append("\"}");
		}
		return body.append("]}").toString();
	}

	private AlertLoadGenerator() {
	}

}
