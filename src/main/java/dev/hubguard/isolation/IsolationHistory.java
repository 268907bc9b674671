package dev.hubguard.isolation;

import dev.hubguard.cluster.LeaderLock;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Snapshots of every hub's results: one whenever they change and at least daily, taken by
 * the leader, kept for 90 days.
 */
@Service
public class IsolationHistory {

	static final Duration DAILY = Duration.ofDays(1);

	static final Duration KEPT = Duration.ofDays(90);

	private final JdbcClient jdbc;

	private final IsolationChecks checks;

	private final LeaderLock leader;

	private final Clock clock;

	static final Duration FAILING_KEPT = Duration.ofSeconds(30);

	private volatile FailingDayAgo failingDayAgo;

	private final java.util.function.Supplier<Map<String, Snapshot>> latest;

	private final java.util.function.Supplier<Map<String, Integer>> latestScores;

	IsolationHistory(JdbcClient jdbc, IsolationChecks checks, LeaderLock leader, Clock clock,
			dev.hubguard.shared.DataRevisions revisions) {
		this.latest = revisions.memo(this::readLatest, "isolation_snapshots");
		this.latestScores = revisions.memo(this::scores, "isolation_snapshots");
		this.jdbc = jdbc;
		this.checks = checks;
		this.leader = leader;
		this.clock = clock;
	}

	private static final RowMapper<Snapshot> ROW = (rs, n) -> new Snapshot(rs.getString("hub"),
			rs.getTimestamp("taken_at").toInstant(), rs.getObject("score", Integer.class), rs.getInt("failing"),
			Snapshot.decode(rs.getString("results")));

	@Scheduled(initialDelayString = "${hubguard.isolation.snapshot-interval:1m}",
			fixedDelayString = "${hubguard.isolation.snapshot-interval:1m}")
	void scheduled() {
		if (leader.isLeader()) {
			snapshotAll();
		}
	}

	/**
	 * Snapshots every hub whose results changed or whose last one is a day old; prunes.
	 */
	public int snapshotAll() {
		Instant now = clock.instant();
		Map<String, Snapshot> latest = latest();
		int taken = 0;
		for (IsolationReport report : checks.reports()) {
			if (!report.available() || report.stale() != null) {
				continue;
			}
			Snapshot last = latest.get(report.hub());
			if (last == null || !last.results().equals(report.results()) || !last.takenAt().isAfter(now.minus(DAILY))) {
				insert(report, now);
				taken++;
			}
		}
		prune(now);
		return taken;
	}

	void insert(IsolationReport report, Instant at) {
		failingDayAgo = null;
		jdbc.sql("""
				insert into isolation_snapshots (hub, taken_at, score, failing, results)
				values (:hub, :at, :score, :failing, :results)""")
			.param("hub", report.hub())
			.param("at", Timestamp.from(at))
			.param("score", report.score())
			.param("failing", report.failing())
			.param("results", Snapshot.encode(report.results()))
			.update();
	}

	int prune(Instant now) {
		return jdbc.sql("delete from isolation_snapshots where taken_at < :cutoff")
			.param("cutoff", Timestamp.from(now.minus(KEPT)))
			.update();
	}

	/** The latest snapshot of every hub. */
	Map<String, Snapshot> latest() {
		return latest.get();
	}

	private Map<String, Snapshot> readLatest() {
		Map<String, Snapshot> latest = new HashMap<>();
		jdbc.sql("select distinct on (hub) * from isolation_snapshots order by hub, taken_at desc")
			.query(ROW)
			.list()
			.forEach(s -> latest.put(s.hub(), s));
		return java.util.Collections.unmodifiableMap(latest);
	}

	/**
	 * Every hub's score at its latest snapshot (null where the checks could not run),
	 * read from the snapshots already taken rather than evaluating the checks again.
	 */
	public Map<String, Integer> latestScores() {
		return latestScores.get();
	}

	/**
	 * The scores of {@link #latest()}'s snapshots (null where the checks could not run).
	 */
	private Map<String, Integer> scores() {
		Map<String, Integer> scores = new HashMap<>();
		latest().forEach((hub, snapshot) -> scores.put(hub, snapshot.score()));
		return java.util.Collections.unmodifiableMap(scores);
	}

	/**
	 * How many checks each hub failed a day ago: at its latest snapshot at least a day
	 * old, else its oldest. Read for every view of the staff matrix and dashboard, so
	 * kept for {@link #FAILING_KEPT} (snapshots are taken once a minute at most) and read
	 * again at once after this instance takes one.
	 */
	public Map<String, Integer> failingDayAgo() {
		Instant now = clock.instant();
		FailingDayAgo cached = failingDayAgo;
		if (cached != null && !now.isBefore(cached.at()) && now.isBefore(cached.at().plus(FAILING_KEPT))) {
			return cached.failing();
		}
		Timestamp cutoff = Timestamp.from(now.minus(DAILY));
		Map<String, Integer> before = new HashMap<>();
		jdbc.sql("select distinct on (hub) hub, failing from isolation_snapshots order by hub, taken_at asc")
			.query((rs, n) -> before.put(rs.getString(1), rs.getInt(2)))
			.list();
		jdbc.sql("""
				select distinct on (hub) hub, failing from isolation_snapshots where taken_at <= :cutoff
				order by hub, taken_at desc""")
			.param("cutoff", cutoff)
			.query((rs, n) -> before.put(rs.getString(1), rs.getInt(2)))
			.list();
		Map<String, Integer> failing = Map.copyOf(before);
		failingDayAgo = new FailingDayAgo(now, failing);
		return failing;
	}

	private record FailingDayAgo(Instant at, Map<String, Integer> failing) {
	}

	public Optional<Snapshot> dayAgo(String hub) {
		Timestamp cutoff = Timestamp.from(clock.instant().minus(DAILY));
		return jdbc.sql("""
				select * from isolation_snapshots where hub = :hub
				order by (taken_at <= :cutoff) desc, case when taken_at <= :cutoff then taken_at end desc, taken_at asc
				limit 1""").param("hub", hub).param("cutoff", cutoff).query(ROW).optional();
	}

	/** A hub's snapshots of the last 90 days, oldest first. */
	public List<Snapshot> history(String hub) {
		return jdbc.sql("select * from isolation_snapshots where hub = :hub and taken_at >= :since order by taken_at")
			.param("hub", hub)
			.param("since", Timestamp.from(clock.instant().minus(KEPT)))
			.query(ROW)
			.list();
	}

	/** Whether the hub fails more checks now than a day ago. */
	static boolean worse(IsolationReport now, Snapshot before) {
		return before != null && worse(now, Integer.valueOf(before.failing()));
	}

	/** Whether the hub fails more checks now than the given count of a day ago. */
	static boolean worse(IsolationReport now, Integer failingBefore) {
		return failingBefore != null && now.available() && now.failing() > failingBefore;
	}

}
