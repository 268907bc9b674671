package dev.hubguard.secrets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each hub's secrets state ({@code secret_hubs}): the version of its secrets as a whole,
 * whether changes need approval, when its variables and files last changed; and the lock
 * that serialises a hub's writers.
 */
@Component
class SecretHubs {

	private final JdbcClient jdbc;

	SecretHubs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record HubState(int version, boolean needsApproval, Instant envChangedAt, Instant filesChangedAt) {

		static final HubState NONE = new HubState(0, false, null, null);

	}

	/**
	 * Serialises the writers of one hub until the transaction ends; returns its state.
	 */
	HubState lock(String hub) {
		jdbc.sql("insert into secret_hubs (hub) values (:hub) on conflict (hub) do nothing").param("hub", hub).update();
		return jdbc.sql("select * from secret_hubs where hub = :hub for update")
			.param("hub", hub)
			.query(SecretHubs::hubState)
			.single();
	}

	HubState hub(String hub) {
		return jdbc.sql("select * from secret_hubs where hub = :hub")
			.param("hub", hub)
			.query(SecretHubs::hubState)
			.optional()
			.orElse(HubState.NONE);
	}

	/** The version of each hub's secrets (0 for a hub without any), in one read. */
	java.util.Map<String, Integer> versions(java.util.Collection<String> hubs) {
		java.util.Map<String, Integer> versions = new java.util.HashMap<>();
		hubs.forEach(hub -> versions.put(hub, HubState.NONE.version()));
		if (hubs.isEmpty()) {
			return versions;
		}
		jdbc.sql("select hub, version from secret_hubs where hub in (:hubs)")
			.param("hubs", java.util.List.copyOf(new java.util.LinkedHashSet<>(hubs)))
			.query(rs -> {
				versions.put(rs.getString("hub"), rs.getInt("version"));
			});
		return versions;
	}

	int bump(String hub, boolean env, boolean files, Instant now) {
		return jdbc.sql("""
				update secret_hubs set version = version + 1,
				    env_changed_at = case when :env then :now else env_changed_at end,
				    files_changed_at = case when :files then :now else files_changed_at end
				where hub = :hub returning version""")
			.param("hub", hub)
			.param("env", env)
			.param("files", files)
			.param("now", Timestamp.from(now))
			.query(Integer.class)
			.single();
	}

	void needsApproval(String hub, boolean needed) {
		jdbc.sql("update secret_hubs set needs_approval = :needed where hub = :hub")
			.param("hub", hub)
			.param("needed", needed)
			.update();
	}

	List<String> hubs() {
		return jdbc.sql("select hub from secret_hubs order by hub").query(String.class).list();
	}

	long watermark() {
		return jdbc.sql("select coalesce(sum(version), 0) + count(*) from secret_hubs").query(Long.class).single();
	}

	void delete(String hub) {
		jdbc.sql("delete from secret_hubs where hub = :hub").param("hub", hub).update();
	}

	private static HubState hubState(ResultSet rs, int n) throws SQLException {
		return new HubState(rs.getInt("version"), rs.getBoolean("needs_approval"), instant(rs, "env_changed_at"),
				instant(rs, "files_changed_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

}
