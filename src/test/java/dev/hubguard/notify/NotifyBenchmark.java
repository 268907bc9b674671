package dev.hubguard.notify;

import dev.hubguard.HubguardApplication;
import dev.hubguard.demo.DemoMail;
import dev.hubguard.identity.Accounts;
import dev.hubguard.support.Api;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notification figures, against the demo's embedded mail server and the local PostgreSQL
 * (database hubguard_bench_notify, recreated): event to message handed to SMTP p50/p99
 * with this replica's sender woken by the commit; the cost of recording an event on the
 * request path; and 10,000 events through the outbox with two senders sharing the work,
 * counting messages lost and sent twice. Run with {@code bench/notify.sh}.
 */
public final class NotifyBenchmark {

	static final String DB = "hubguard_bench_notify";

	public static void main(String[] args) throws Exception {
		int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
				"")) {
			admin.createStatement().execute("drop database if exists " + DB + " with (force)");
			admin.createStatement().execute("create database " + DB);
		}
		int status = 0;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HubguardApplication.class).run(
				"--hubguard.demo.mode=true", "--hubguard.demo.dir=target/demo-bench-notify", "--server.port=0",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + DB,
				"--spring.datasource.username=postgres", "--logging.level.root=warn",
				"--logging.structured.format.console=", "--hubguard.catalogue.reload-interval=1h",
				"--hubguard.notify.batch=200")) {
			context.getBean(Accounts.class).signedIn(Api.cilogon("ada@mtu.example", People.MTU_IDP));
			latency(context, 200);
			throughput(context, events);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	/** One event at a time, the sender woken by each commit. */
	static void latency(ConfigurableApplicationContext context, int events) throws Exception {
		Outbox outbox = context.getBean(Outbox.class);
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		for (int i = 0; i < events; i++) {
			int n = i;
			transactions.executeWithoutResult(s -> outbox.record(notice("latency #" + n)));
			// Below the sender's throughput, so this measures latency, not a queue.
			Thread.sleep(100);
		}
		waitForSent(jdbc, "latency #%", events);
		List<Double> millis = jdbc.sql("""
				select extract(epoch from d.sent_at - e.created_at) * 1000 from notify_deliveries d
				join notify_events e on e.id = d.event_id where e.title like 'latency #%' and d.channel = 'email'""")
			.query(Double.class)
			.list();
		report("event -> message handed to SMTP", millis);
	}

	static void throughput(ConfigurableApplicationContext context, int events) throws Exception {
		context.getBean(NotifyWorker.class).stop();
		DemoMail.server().purgeEmailFromAllMailboxes();
		Outbox outbox = context.getBean(Outbox.class);
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		List<Double> cost = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			int n = i;
			transactions.executeWithoutResult(s -> {
				long start = System.nanoTime();
				outbox.record(notice("bulk #" + n));
				cost.add((System.nanoTime() - start) / 1e6);
			});
		}
		report("cost per event on the request path (the outbox insert)", cost);
		FanOut fanOut = context.getBean(FanOut.class);
		Sender sender = context.getBean(Sender.class);
		long started = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<Integer>> senders = new ArrayList<>();
		for (int s = 0; s < 2; s++) {
			senders.add(pool.submit(() -> {
				int done = 0;
				int did;
				do {
					did = fanOut.runOnce() + sender.runOnce();
					done += did;
				}
				while (did > 0);
				return done;
			}));
		}
		List<Integer> shares = new ArrayList<>();
		for (Future<Integer> one : senders) {
			shares.add(one.get());
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - started) / 1e9;
		Map<String, Integer> bySubject = new HashMap<>();
		Map<String, Integer> byMessageId = new HashMap<>();
		for (MimeMessage message : DemoMail.server().getReceivedMessages()) {
			if (message.getSubject().startsWith("bulk #")) {
				bySubject.merge(message.getSubject(), 1, Integer::sum);
				byMessageId.merge(message.getHeader("Message-ID", null), 1, Integer::sum);
			}
		}
		long lost = events - bySubject.size();
		long twice = bySubject.values().stream().filter(c -> c > 1).count();
		System.out.printf(
				"%d events through the outbox, 2 senders (threads with their own transactions; work units %s) in %.1f s: "
						+ "%d messages, %d lost, %d sent twice, %d distinct Message-IDs%n",
				events, shares, seconds, bySubject.values().stream().mapToInt(Integer::intValue).sum(), lost, twice,
				byMessageId.size());
	}

	static Notice notice(String title) {
		return Notice.of(NoticeKind.CHANGE_APPROVED, "2i2c/mtu", "change:bench", "github:second-staff",
				"cilogon:ada@mtu.example", title, "Approved for the bench.", "/changes/1");
	}

	static void waitForSent(JdbcClient jdbc, String titles, int count) throws InterruptedException {
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (System.nanoTime() < deadline) {
			long sent = jdbc.sql("""
					select count(*) from notify_deliveries d join notify_events e on e.id = d.event_id
					where e.title like :t and d.channel = 'email' and d.state = 'sent'""")
				.param("t", titles)
				.query(Long.class)
				.single();
			if (sent >= count) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("not every message sent within 2 minutes");
	}

	static void report(String what, List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		System.out.printf("%s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", what, sorted.size(),
				sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1),
				sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1), sorted.get(sorted.size() - 1));
	}

}
