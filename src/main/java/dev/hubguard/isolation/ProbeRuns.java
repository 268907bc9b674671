package dev.hubguard.isolation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The probe runs, kept in {@code isolation_probes}. */
@Repository
class ProbeRuns {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<ProbeRun.Reach>> REACHES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final java.util.function.Supplier<Map<String, ProbeRun>> latestByHub;

	ProbeRuns(JdbcClient jdbc, dev.hubguard.shared.DataRevisions revisions) {
		this.jdbc = jdbc;
		this.latestByHub = revisions.memo(this::readLatestByHub, "isolation_probes");
	}

	private static ProbeRun row(ResultSet rs, int n) throws SQLException {
		Timestamp finished = rs.getTimestamp("finished_at");
		String targets = rs.getString("targets");
		return new ProbeRun(rs.getLong("id"), rs.getString("hub"), rs.getString("pod"), rs.getString("requested_by"),
				rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
				ProbeRun.Outcome.valueOf(rs.getString("outcome")),
				targets == null ? List.of() : JSON.readValue(targets, REACHES), rs.getString("error"));
	}

	long start(String hub, String pod, String by, Instant at) {
		return jdbc.sql("""
				insert into isolation_probes (hub, pod, requested_by, started_at, outcome)
				values (:hub, :pod, :by, :at, 'RUNNING') returning id""")
			.param("hub", hub)
			.param("pod", pod)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.query(Long.class)
			.single();
	}

	void finish(long id, ProbeRun.Outcome outcome, List<ProbeRun.Reach> reaches, String error, Instant at) {
		jdbc.sql("""
				update isolation_probes set outcome = :outcome, targets = :targets, error = :error, finished_at = :at
				where id = :id""")
			.param("id", id)
			.param("outcome", outcome.name())
			.param("targets", reaches.isEmpty() ? null : JSON.writeValueAsString(reaches))
			.param("error", error)
			.param("at", Timestamp.from(at))
			.update();
	}

	Optional<ProbeRun> latest(String hub) {
		return jdbc.sql("select * from isolation_probes where hub = :hub order by started_at desc, id desc limit 1")
			.param("hub", hub)
			.query(ProbeRuns::row)
			.optional();
	}

	/** Each hub's latest run. */
	Map<String, ProbeRun> latestByHub() {
		return latestByHub.get();
	}

	private Map<String, ProbeRun> readLatestByHub() {
		return jdbc.sql("""
				select distinct on (hub) * from isolation_probes order by hub, started_at desc, id desc""")
			.query(ProbeRuns::row)
			.list()
			.stream()
			.collect(Collectors.toUnmodifiableMap(ProbeRun::hub, Function.identity()));
	}

	/**
	 * Runs still marked running that started before {@code before}: their runner died.
	 */
	List<ProbeRun> abandoned(Instant before) {
		return jdbc.sql("select * from isolation_probes where outcome = 'RUNNING' and started_at < :before")
			.param("before", Timestamp.from(before))
			.query(ProbeRuns::row)
			.list();
	}

	/** Keeps 90 days of runs. */
	int prune(Instant before) {
		return jdbc.sql("delete from isolation_probes where started_at < :before and outcome <> 'RUNNING'")
			.param("before", Timestamp.from(before))
			.update();
	}

}
