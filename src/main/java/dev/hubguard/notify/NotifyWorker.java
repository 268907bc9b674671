package dev.hubguard.notify;

import dev.hubguard.cluster.LeaderLock;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This replica's sender: fans out recorded events and sends due deliveries, when woken by
 * a commit here or every {@code poll-interval} (work recorded by other replicas, retries,
 * digests). Every replica runs one; the database shares the work among them.
 */
@Component
class NotifyWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotifyWorker.class);

	private final FanOut fanOut;

	private final Sender sender;

	private final Wakeup wakeup;

	private final NotifyProperties properties;

	private final ApplyWatch applyWatch;

	private final Reminders reminders;

	private final UndeliveredWatch undelivered;

	private final LeaderLock leader;

	private final Clock clock;

	private volatile Thread thread;

	private Instant nextApplyCheck = Instant.MIN;

	NotifyWorker(FanOut fanOut, Sender sender, Wakeup wakeup, NotifyProperties properties, ApplyWatch applyWatch,
			LeaderLock leader, Clock clock, Reminders reminders, UndeliveredWatch undelivered) {
		this.undelivered = undelivered;
		this.applyWatch = applyWatch;
		this.reminders = reminders;
		this.leader = leader;
		this.clock = clock;
		this.fanOut = fanOut;
		this.sender = sender;
		this.wakeup = wakeup;
		this.properties = properties;
	}

	/** Fans out and sends until nothing is left that is due; answers how much it did. */
	int drain() {
		int done = 0;
		int passes = 0;
		int did;
		do {
			did = fanOut.runOnce() + sender.runOnce();
			done += did;
			passes++;
		}
		while (did > 0 && passes < 10_000);
		return done;
	}

	private void loop() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Instant now = clock.instant();
				if (!now.isBefore(nextApplyCheck)) {
					nextApplyCheck = now.plus(properties.applyCheckInterval());
					if (leader.isLeader()) {
						applyWatch.check(now);
						reminders.check();
						undelivered.check(now);
					}
				}
				if (fanOut.runOnce() + sender.runOnce() == 0) {
					wakeup.await(properties.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				log.warn("notifications: {}", ex.toString());
				try {
					wakeup.await(properties.pollInterval());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	@Override
	public void start() {
		if (properties.background() && thread == null) {
			thread = Thread.ofPlatform().name("hubguard-notify").daemon().start(this::loop);
		}
	}

	@Override
	public void stop() {
		Thread running = thread;
		thread = null;
		if (running != null) {
			running.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return thread != null;
	}

}
