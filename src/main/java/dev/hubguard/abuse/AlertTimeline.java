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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Alerts received per day and source, for the staff overview chart. */
@Component
class AlertTimeline {

	private final JdbcClient jdbc;

	private final Clock clock;

	AlertTimeline(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	String chart(int days) {
		Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
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
