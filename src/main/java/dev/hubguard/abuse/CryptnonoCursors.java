package dev.hubguard.abuse;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far each cryptnono container's log has been read (inclusive: the next read starts
 * at that time).
 */
@Component
class CryptnonoCursors {

	private final JdbcClient jdbc;

	CryptnonoCursors(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Instant> readUntil(String cluster, String pod, String container) {
		return jdbc.sql("select read_until from cryptnono_cursors where cluster = :c and pod = :p and container = :k")
			.param("c", cluster)
			.param("p", pod)
			.param("k", container)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	/**
	 * The container's restart count when its log was last read, or empty before the first
	 * read.
	 */
	Optional<Integer> restarts(String cluster, String pod, String container) {
		return jdbc
			.sql("select restart_count from cryptnono_cursors where cluster = :c and pod = :p and container = :k")
			.param("c", cluster)
			.param("p", pod)
			.param("k", container)
			.query(Integer.class)
			.optional();
	}

	void restarted(String cluster, String pod, String container, int restarts) {
		jdbc.sql("update cryptnono_cursors set restart_count = :r where cluster = :c and pod = :p and container = :k")
			.param("r", restarts)
			.param("c", cluster)
			.param("p", pod)
			.param("k", container)
			.update();
	}

	void advance(String cluster, String pod, String container, Instant until) {
		jdbc.sql("""
				insert into cryptnono_cursors (cluster, pod, container, read_until) values (:c, :p, :k, :t)
				on conflict (cluster, pod, container) do update
				set read_until = greatest(cryptnono_cursors.read_until, excluded.read_until)""")
			.param("c", cluster)
			.param("p", pod)
			.param("k", container)
			.param("t", Timestamp.from(until))
			.update();
	}

}
