package dev.hubguard.secrets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happened to each secret ({@code secret_history}): who, when, what changed, who
 * approved it. Never a value.
 */
@Component
class SecretHistory {

	private final JdbcClient jdbc;

	SecretHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Entry(Instant at, String by, String approvedBy, String change, Long changeRequestId) {
	}

	void record(String hub, String name, Instant at, Author author, String change) {
		jdbc.sql("""
				insert into secret_history (hub, name, at, by_whom, approved_by, change, change_request_id)
				values (:hub, :name, :at, :by, :approvedBy, :change, :request)""")
			.param("hub", hub)
			.param("name", name)
			.param("at", Timestamp.from(at))
			.param("by", author.by())
			.param("approvedBy", author.approvedBy())
			.param("change", change)
			.param("request", author.requestId())
			.update();
	}

	List<Entry> of(String hub, String name, int limit) {
		return jdbc
			.sql("select at, by_whom, approved_by, change, change_request_id from secret_history "
					+ "where hub = :hub and name = :name order by id desc limit :limit")
			.param("hub", hub)
			.param("name", name)
			.param("limit", limit)
			.query((rs, n) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getObject(5, Long.class)))
			.list();
	}

	/**
	 * The latest {@code limit} entries of every secret of a hub, newest first, by secret
	 * name.
	 */
	Map<String, List<Entry>> ofHub(String hub, int limit) {
		Map<String, List<Entry>> byName = new LinkedHashMap<>();
		jdbc.sql("""
				select name, at, by_whom, approved_by, change, change_request_id from (
				  select h.*, row_number() over (partition by name order by id desc) as n
				  from secret_history h where hub = :hub) latest
				where n <= :limit order by name, id desc""")
			.param("hub", hub)
			.param("limit", limit)
			.query((rs, n) -> Map.entry(rs.getString(1), entry(rs)))
			.list()
			.forEach(e -> byName.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
		return byName;
	}

	private static Entry entry(ResultSet rs) throws SQLException {
		return new Entry(rs.getTimestamp("at").toInstant(), rs.getString("by_whom"), rs.getString("approved_by"),
				rs.getString("change"), rs.getObject("change_request_id", Long.class));
	}

}
