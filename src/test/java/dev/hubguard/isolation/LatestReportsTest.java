package dev.hubguard.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Every hub's reports are computed once per state of what they are computed from, and
 * once for callers that ask together.
 */
class LatestReportsTest {

	private final AtomicLong revision = new AtomicLong();

	private final AtomicInteger computed = new AtomicInteger();

	private static LatestReports.Inputs inputs(LocalDate day) {
		return new LatestReports.Inputs(List.of(), List.of(), Map.of(), Map.of(), day);
	}

	private List<IsolationReport> compute(LatestReports.Inputs inputs) {
		computed.incrementAndGet();
		return List.of();
	}

	@Test
	void unchangedInputsAndClustersAreAnsweredFromMemory() {
		LatestReports latest = new LatestReports(revision::get, this::compute);
		List<IsolationReport> first = latest.get(inputs(LocalDate.of(2026, 1, 1)));
		for (int i = 0; i < 10; i++) {
			assertThat(latest.get(inputs(LocalDate.of(2026, 1, 1)))).isSameAs(first);
		}
		assertThat(computed).hasValue(1);
	}

	@Test
	void whatPeopleDecideChangingIsComputedBeforeAnswering() {
		LatestReports latest = new LatestReports(revision::get, this::compute);
		latest.get(inputs(LocalDate.of(2026, 1, 1)));
		latest.get(inputs(LocalDate.of(2026, 1, 2)));
		assertThat(computed).hasValue(2);
		Exemption granted = new Exemption(1, "2i2c/mtu", "hub.slim", null, "reason", "staff", LocalDate.of(2026, 2, 1),
				java.time.Instant.EPOCH);
		latest.get(new LatestReports.Inputs(List.of(), List.of(granted), Map.of(), Map.of(), LocalDate.of(2026, 1, 2)));
		assertThat(computed).hasValue(3);
	}

	@Test
	void callersArrivingTogetherShareOneComputation() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		LatestReports latest = new LatestReports(revision::get, inputs -> {
			computed.incrementAndGet();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return List.of();
		});
		ExecutorService callers = Executors.newFixedThreadPool(8);
		List<Future<List<IsolationReport>>> answers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			answers.add(callers.submit(() -> latest.get(inputs(LocalDate.of(2026, 1, 1)))));
		}
		while (computed.get() == 0) {
			Thread.onSpinWait();
		}
		release.countDown();
		for (Future<List<IsolationReport>> answer : answers) {
			answer.get();
		}
		callers.shutdown();
		assertThat(computed).hasValue(1);
	}

}
