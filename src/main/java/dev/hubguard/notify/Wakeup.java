package dev.hubguard.notify;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Wakes this replica's sender when something was recorded, so it need not poll often. */
@Component
class Wakeup {

	private final Semaphore signal = new Semaphore(0);

	void wake() {
		if (signal.availablePermits() == 0) {
			signal.release();
		}
	}

	/** Waits for a wake-up or the timeout; answers whether woken. */
	boolean await(Duration timeout) throws InterruptedException {
		boolean woken = signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
		signal.drainPermits();
		return woken;
	}

}
