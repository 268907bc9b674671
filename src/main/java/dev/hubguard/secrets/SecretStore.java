package dev.hubguard.secrets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The secrets, their history and each hub's secrets state. Values exist here only as
 * sealed envelopes; values waiting for approval are {@link PendingValues}.
 */
@Component
class SecretStore {

	private static final String COLUMNS = "hub, name, delivery, description, rotate_by, version, value_version, "
			+ "value_bytes, kek_id, wrapped_key, ciphertext, created_at, created_by, updated_at, updated_by, "
			+ "approved_by, value_changed_at, format";

	private final JdbcClient jdbc;

	SecretStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A secret; {@code format} says which associated data its envelope binds. */
	record Row(String hub, String name, Delivery delivery, String description, LocalDate rotateBy, int version,
			int valueVersion, int valueBytes, Envelope.Sealed sealed, int format, Instant createdAt, String createdBy,
			Instant updatedAt, String updatedBy, String approvedBy, Instant valueChangedAt) {

		/** The associated data its envelope was sealed with. */
		byte[] context() {
			return context(format, delivery);
		}

		/** The associated data of this value in another format or delivery. */
		byte[] context(int format, Delivery delivery) {
			return Envelope.secretContext(format, hub, name, valueVersion, delivery);
		}

	}

	record HubState(int version, boolean needsApproval, Instant envChangedAt, Instant filesChangedAt) {

		static final HubState NONE = new HubState(0, false, null, null);

	}

	record HistoryEntry(Instant at, String by, String approvedBy, String change, Long changeRequestId) {
	}

	/**
	 * Serialises the writers of one hub until the transaction ends; returns its state.
	 */
	HubState lock(String hub) {
		jdbc.sql("insert into secret_hubs (hub) values (:hub) on conflict (hub) do nothing").param("hub", hub).update();
		return jdbc.sql("select * from secret_hubs where hub = :hub for update")
			.param("hub", hub)
			.query(SecretStore::hubState)
			.single();
	}

	HubState hub(String hub) {
		return jdbc.sql("select * from secret_hubs where hub = :hub")
			.param("hub", hub)
			.query(SecretStore::hubState)
			.optional()
			.orElse(HubState.NONE);
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

	List<Row> list(String hub) {
		return jdbc.sql("select " + COLUMNS + " from secrets where hub = :hub order by name")
			.param("hub", hub)
			.query(SecretStore::row)
			.list();
	}

	Optional<Row> find(String hub, String name) {
		return jdbc.sql("select " + COLUMNS + " from secrets where hub = :hub and name = :name")
			.param("hub", hub)
			.param("name", name)
			.query(SecretStore::row)
			.optional();
	}

	/** Every row, a page at a time in key order (for re-wrapping). */
	List<Row> page(String afterHub, String afterName, int limit) {
		return jdbc
			.sql("select " + COLUMNS + " from secrets where (hub, name) > (:hub, :name) "
					+ "order by hub, name limit :limit")
			.param("hub", afterHub)
			.param("name", afterName)
			.param("limit", limit)
			.query(SecretStore::row)
			.list();
	}

	List<Row> rotateByBefore(LocalDate day) {
		return jdbc.sql("select " + COLUMNS + " from secrets where rotate_by < :day order by rotate_by, hub, name")
			.param("day", day)
			.query(SecretStore::row)
			.list();
	}

	void save(Row row) {
		jdbc.sql("delete from secrets where hub = :hub and name = :name")
			.param("hub", row.hub())
			.param("name", row.name())
			.update();
		jdbc.sql("insert into secrets (" + COLUMNS + ") values (:hub, :name, :delivery, :description, :rotateBy, "
				+ ":version, :valueVersion, :valueBytes, :kek, :key, :text, :createdAt, :createdBy, :updatedAt, "
				+ ":updatedBy, :approvedBy, :valueChangedAt, :format)")
			.param("hub", row.hub())
			.param("name", row.name())
			.param("delivery", row.delivery().name())
			.param("description", row.description())
			.param("rotateBy", row.rotateBy())
			.param("version", row.version())
			.param("valueVersion", row.valueVersion())
			.param("valueBytes", row.valueBytes())
			.param("kek", row.sealed().kekId())
			.param("key", row.sealed().wrappedKey())
			.param("text", row.sealed().ciphertext())
			.param("createdAt", Timestamp.from(row.createdAt()))
			.param("createdBy", row.createdBy())
			.param("updatedAt", Timestamp.from(row.updatedAt()))
			.param("updatedBy", row.updatedBy())
			.param("approvedBy", row.approvedBy())
			.param("valueChangedAt", Timestamp.from(row.valueChangedAt()))
			.param("format", row.format())
			.update();
	}

	/** Replaces a row's wrapped data key if its envelope is still the one read. */
	boolean rewrapped(Row row, Envelope.Sealed sealed) {
		return jdbc.sql("""
				update secrets set kek_id = :kek, wrapped_key = :key
				where hub = :hub and name = :name and value_version = :vv and kek_id = :old
				  and format = :format and delivery = :delivery""")
			.param("kek", sealed.kekId())
			.param("key", sealed.wrappedKey())
			.param("hub", row.hub())
			.param("name", row.name())
			.param("vv", row.valueVersion())
			.param("old", row.sealed().kekId())
			.param("format", row.format())
			.param("delivery", row.delivery().name())
			.update() == 1;
	}

	/**
	 * Replaces a row's envelope with one sealed in the current format, if its envelope is
	 * still the one read.
	 */
	boolean resealed(Row row, Envelope.Sealed sealed) {
		return jdbc.sql("""
				update secrets set kek_id = :kek, wrapped_key = :key, ciphertext = :text, format = :new
				where hub = :hub and name = :name and value_version = :vv and kek_id = :old
				  and format = :format and delivery = :delivery""")
			.param("kek", sealed.kekId())
			.param("key", sealed.wrappedKey())
			.param("text", sealed.ciphertext())
			.param("new", Envelope.SECRET_FORMAT)
			.param("hub", row.hub())
			.param("name", row.name())
			.param("vv", row.valueVersion())
			.param("old", row.sealed().kekId())
			.param("format", row.format())
			.param("delivery", row.delivery().name())
			.update() == 1;
	}

	void delete(String hub, String name) {
		jdbc.sql("delete from secrets where hub = :hub and name = :name")
			.param("hub", hub)
			.param("name", name)
			.update();
	}

	void history(String hub, String name, Instant at, Author author, String change) {
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

	List<HistoryEntry> history(String hub, String name, int limit) {
		return jdbc
			.sql("select at, by_whom, approved_by, change, change_request_id from secret_history "
					+ "where hub = :hub and name = :name order by id desc limit :limit")
			.param("hub", hub)
			.param("name", name)
			.param("limit", limit)
			.query((rs, n) -> new HistoryEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getObject(5, Long.class)))
			.list();
	}

	/** Destroys every ciphertext of a hub; returns how many secrets it had. */
	int purge(String hub) {
		jdbc.sql("delete from secret_pending where hub = :hub").param("hub", hub).update();
		int deleted = jdbc.sql("delete from secrets where hub = :hub").param("hub", hub).update();
		jdbc.sql("delete from secret_hubs where hub = :hub").param("hub", hub).update();
		return deleted;
	}

	List<String> hubs() {
		return jdbc.sql("select hub from secret_hubs order by hub").query(String.class).list();
	}

	long watermark() {
		return jdbc.sql("select coalesce(sum(version), 0) + count(*) from secret_hubs").query(Long.class).single();
	}

	private static HubState hubState(ResultSet rs, int n) throws SQLException {
		return new HubState(rs.getInt("version"), rs.getBoolean("needs_approval"), instant(rs, "env_changed_at"),
				instant(rs, "files_changed_at"));
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getString("hub"), rs.getString("name"), Delivery.valueOf(rs.getString("delivery")),
				rs.getString("description"), rs.getObject("rotate_by", LocalDate.class), rs.getInt("version"),
				rs.getInt("value_version"), rs.getInt("value_bytes"),
				new Envelope.Sealed(rs.getString("kek_id"), rs.getBytes("wrapped_key"), rs.getBytes("ciphertext")),
				rs.getInt("format"), instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"),
				rs.getString("updated_by"), rs.getString("approved_by"), instant(rs, "value_changed_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

}
