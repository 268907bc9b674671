package dev.hubguard.secrets;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Values waiting for a change request's approval ({@code secret_pending}), sealed under
 * their own associated data; deleted when the request is decided.
 */
@Component
class PendingValues {

	private final JdbcClient jdbc;

	PendingValues(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One waiting value and where it belongs. */
	record PendingValue(String id, String hub, String name, Envelope.Sealed sealed) {

		byte[] context() {
			return Envelope.pendingContext(id, hub, name);
		}

	}

	void save(String id, String hub, String name, Envelope.Sealed sealed, Instant at) {
		jdbc.sql("""
				insert into secret_pending (id, hub, name, kek_id, wrapped_key, ciphertext, created_at)
				values (:id, :hub, :name, :kek, :key, :text, :at)""")
			.param("id", id)
			.param("hub", hub)
			.param("name", name)
			.param("kek", sealed.kekId())
			.param("key", sealed.wrappedKey())
			.param("text", sealed.ciphertext())
			.param("at", Timestamp.from(at))
			.update();
	}

	Optional<Envelope.Sealed> find(String id, String hub, String name) {
		return jdbc
			.sql("select kek_id, wrapped_key, ciphertext from secret_pending "
					+ "where id = :id and hub = :hub and name = :name")
			.param("id", id)
			.param("hub", hub)
			.param("name", name)
			.query((rs, n) -> new Envelope.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3)))
			.optional();
	}

	/** Destroys every waiting value of a hub. */
	void deleteHub(String hub) {
		jdbc.sql("delete from secret_pending where hub = :hub").param("hub", hub).update();
	}

	int delete(String id) {
		return jdbc.sql("delete from secret_pending where id = :id").param("id", id).update();
	}

	/** Every pending value, for re-wrapping. */
	List<PendingValue> all() {
		return jdbc.sql("select id, hub, name, kek_id, wrapped_key, ciphertext from secret_pending")
			.query((rs, n) -> new PendingValue(rs.getString(1), rs.getString(2), rs.getString(3),
					new Envelope.Sealed(rs.getString(4), rs.getBytes(5), rs.getBytes(6))))
			.list();
	}

	void rewrapped(String id, Envelope.Sealed sealed) {
		jdbc.sql("update secret_pending set kek_id = :kek, wrapped_key = :key where id = :id")
			.param("kek", sealed.kekId())
			.param("key", sealed.wrappedKey())
			.param("id", id)
			.update();
	}

}
