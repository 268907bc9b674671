package dev.hubguard.cluster;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Exactly one replica reconciles: the one holding a PostgreSQL session advisory lock on a
 * connection it keeps. If that connection dies, the lock is released by the server and
 * another replica takes over.
 */
@Component
public class LeaderLock {

	private static final Logger log = LoggerFactory.getLogger(LeaderLock.class);

	static final long KEY = 0x4855_4252_4543_4fL;

	private final DataSource dataSource;

	private Connection connection;

	LeaderLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Whether this replica leads now; tries to become leader when it does not. */
	public synchronized boolean isLeader() {
		try {
			if (connection != null && connection.isValid(2)) {
				return true;
			}
			release();
			Connection candidate = dataSource.getConnection();
			candidate.setAutoCommit(true);
			try (PreparedStatement lock = candidate.prepareStatement("select pg_try_advisory_lock(?)")) {
				lock.setLong(1, KEY);
				try (ResultSet result = lock.executeQuery()) {
					if (result.next() && result.getBoolean(1)) {
						connection = candidate;
						log.info("this replica is now the reconciler leader");
						return true;
					}
				}
			}
			candidate.close();
			return false;
		}
		catch (SQLException ex) {
			log.warn("cannot take the reconciler lock: {}", ex.getMessage());
			release();
			return false;
		}
	}

	@PreDestroy
	synchronized void release() {
		if (connection == null) {
			return;
		}
		try {
			try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
				unlock.setLong(1, KEY);
				unlock.execute();
			}
			connection.close();
		}
		catch (SQLException ex) {
			// The server drops the lock with the connection anyway.
		}
		connection = null;
	}

}
