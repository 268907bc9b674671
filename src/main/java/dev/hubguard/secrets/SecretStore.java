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
 * The secrets ({@code secrets}), their values only as sealed envelopes. Their history is
 * {@link SecretHistory}, each hub's secrets state {@link SecretHubs}, values waiting for
 * approval {@link PendingValues}.
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

	/** Destroys every ciphertext of a hub; returns how many secrets it had. */
	int deleteHub(String hub) {
		return jdbc.sql("delete from secrets where hub = :hub").param("hub", hub).update();
	}

	void delete(String hub, String name) {
		jdbc.sql("delete from secrets where hub = :hub and name = :name")
			.param("hub", hub)
			.param("name", name)
			.update();
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
