package dev.hubguard.secrets;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One known plaintext sealed under each KEK. At start-up every configured KEK must open
 * its sentinel, and every KEK that stored values are wrapped under must be configured:
 * otherwise the portal refuses to start rather than serve garbage.
 */
@Component
class KekSentinels {

	private static final byte[] PLAINTEXT = "hubguard-kek-sentinel".getBytes(StandardCharsets.UTF_8);

	private final JdbcClient jdbc;

	private final Clock clock;

	KekSentinels(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void verify(KeyRing ring) {
		List<String> missing = jdbc.sql("select kek_id from secrets union select kek_id from secret_pending order by 1")
			.query(String.class)
			.list()
			.stream()
			.filter(id -> !ring.has(id))
			.toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("Stored secrets are encrypted under KEK " + String.join(", ", missing)
					+ ", which is not configured (configured: " + String.join(", ", ring.ids())
					+ "). Configure that KEK again (HUBGUARD_KEKS or HUBGUARD_KEK_FILE); "
					+ "remove an old KEK only after re-wrapping under the primary one.");
		}
		for (String id : ring.ids()) {
			List<Envelope.Sealed> found = jdbc
				.sql("select kek_id, wrapped_key, ciphertext from secret_kek_sentinels where kek_id = :id")
				.param("id", id)
				.query((rs, n) -> new Envelope.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3)))
				.list();
			if (found.isEmpty()) {
				create(ring, id);
				continue;
			}
			byte[] opened;
			try {
				opened = Envelope.open(ring, found.get(0), context(id));
			}
			catch (UndecryptableException ex) {
				throw new IllegalStateException("KEK '" + id + "' is not the key this database's secrets were "
						+ "encrypted with (its sentinel does not decrypt). Configure the right key for '" + id
						+ "'; Hubguard will not start with a wrong one.");
			}
			if (!Arrays.equals(opened, PLAINTEXT)) {
				throw new IllegalStateException("KEK '" + id + "' opened a sentinel with unexpected content.");
			}
		}
	}

	private void create(KeyRing ring, String id) {
		KeyRing only = new KeyRing(java.util.Map.of(id, ring.key(id).getEncoded()), id);
		Envelope.Sealed sealed = Envelope.seal(only, PLAINTEXT, context(id));
		jdbc.sql("""
				insert into secret_kek_sentinels (kek_id, wrapped_key, ciphertext, created_at)
				values (:id, :key, :text, :at) on conflict (kek_id) do nothing""")
			.param("id", id)
			.param("key", sealed.wrappedKey())
			.param("text", sealed.ciphertext())
			.param("at", Timestamp.from(clock.instant()))
			.update();
	}

	private static byte[] context(String id) {
		return ("hubguard/sentinel/v1\n" + id).getBytes(StandardCharsets.UTF_8);
	}

}
