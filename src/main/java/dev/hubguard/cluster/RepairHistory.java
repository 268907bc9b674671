package dev.hubguard.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The repairs of each owned object within a sliding window: when one object has been
 * repaired {@code limit} times within it, another controller is changing it back (a
 * fight), and repairing it at once again would only feed the loop.
 */
final class RepairHistory {

	private final int limit;

	private final Duration window;

	private final Map<String, Deque<Instant>> repairs = new ConcurrentHashMap<>();

	RepairHistory(int limit, Duration window) {
		this.limit = limit;
		this.window = window;
	}

	/** Whether the object has been repaired {@code limit} times within the window. */
	boolean fighting(String object, Instant now) {
		Deque<Instant> times = repairs.get(object);
		if (times == null) {
			return false;
		}
		synchronized (times) {
			while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
				times.pollFirst();
			}
			if (times.isEmpty()) {
				repairs.remove(object, times);
			}
			return times.size() >= limit;
		}
	}

	void repaired(String object, Instant now) {
		Deque<Instant> times = repairs.computeIfAbsent(object, key -> new ArrayDeque<>());
		synchronized (times) {
			times.addLast(now);
		}
	}

}
