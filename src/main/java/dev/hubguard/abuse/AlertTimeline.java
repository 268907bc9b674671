package dev.hubguard.abuse;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Alerts received per day and source, for the staff overview chart. Counting them reads
 * every alert of the last two weeks (a million at a provider's scale), so the chart is
 * remembered: drawn again in the background once it is a minute old, and before answering
 * on a new day or once it is ten minutes old.
 */
@Component
class AlertTimeline {

	static final Duration REFRESH_AFTER = Duration.ofMinutes(1);

	static final Duration AT_MOST_BEHIND = Duration.ofMinutes(10);

	private final JdbcClient jdbc;

	private final Clock clock;

	private record Drawn(Instant today, int days, long at, String chart) {
	}

	private volatile Drawn drawn;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "hubguard-alert-timeline");
		thread.setDaemon(true);
		return thread;
	});

	AlertTimeline(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	String chart(int days) {
		Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
		long now = System.nanoTime();
		Drawn known = drawn;
		if (known != null && known.today().equals(today) && known.days() == days) {
			long age = now - known.at();
			if (age < REFRESH_AFTER.toNanos()) {
				return known.chart();
			}
			if (age < AT_MOST_BEHIND.toNanos()) {
				if (refreshing.compareAndSet(false, true)) {
					background.execute(() -> {
						try {
							draw(today, days, now);
						}
						finally {
							refreshing.set(false);
						}
					});
				}
				return known.chart();
			}
		}
		return draw(today, days, now);
	}

	/** Draws the chart unless one was drawn since {@code asked}; one at a time. */
	private synchronized String draw(Instant today, int days, long asked) {
		Drawn known = drawn;
		if (known != null && known.today().equals(today) && known.days() == days && known.at() - asked >= 0) {
			return known.chart();
		}
		long at = System.nanoTime();
		String chart = count(today, days);
		drawn = new Drawn(today, days, at, chart);
		return chart;
	}

	private String count(Instant today, int days) {
		Instant since = today.minus(Duration.ofDays(days - 1L));
		Map<String, long[]> counts = new HashMap<>();
		jdbc.sql("""
				select date_trunc('day', starts_at at time zone 'UTC') as day, source, count(*) from abuse_alerts
				where starts_at >= :since group by 1, 2""").param("since", Timestamp.from(since)).query((rs, n) -> {
			String day = rs.getTimestamp(1).toLocalDateTime().toLocalDate().toString();
			long[] pair = counts.computeIfAbsent(day, key -> new long[2]);
			pair[AlertIntake.CRYPTNONO.equals(rs.getString(2)) ? 1 : 0] += rs.getLong(3);
			return null;
		}).list();
		List<SvgCharts.Day> series = new ArrayList<>();
		for (int i = 0; i < days; i++) {
			Instant day = since.plus(Duration.ofDays(i));
			long[] pair = counts.getOrDefault(day.toString().substring(0, 10), new long[2]);
			series.add(new SvgCharts.Day(day, pair[0], pair[1]));
		}
		return SvgCharts.bars(series);
	}

}
