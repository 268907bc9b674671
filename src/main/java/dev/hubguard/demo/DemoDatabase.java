package dev.hubguard.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the demo's PostgreSQL: the configured URL (creating its database on a local
 * server when missing), else a server on 127.0.0.1:5432 with trust authentication, else
 * an embedded one started here.
 */
final class DemoDatabase {

	private static final Logger log = LoggerFactory.getLogger(DemoDatabase.class);

	private static final Pattern LOCAL_URL = Pattern
		.compile("jdbc:postgresql://(localhost|127\\.0\\.0\\.1)(:(\\d+))?/([A-Za-z0-9_]+)(\\?.*)?");

	private static EmbeddedPostgres embedded;

	private DemoDatabase() {
	}

	record Connection(String url, String username, String password, String origin) {
	}

	static Connection resolve(String configuredUrl, String configuredUser, String configuredPassword, Path dir) {
		if (configuredUrl != null && !configuredUrl.isBlank()) {
			ensureLocalDatabase(configuredUrl, configuredUser, configuredPassword);
			return new Connection(configuredUrl, configuredUser, configuredPassword, "configured");
		}
		String osUser = System.getProperty("user.name");
		for (String user : List.of("postgres", osUser)) {
			String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
			if (canConnect(admin, user, null)) {
				createDatabaseIfMissing(admin, user, null, "hubguard");
				return new Connection("jdbc:postgresql://127.0.0.1:5432/hubguard", user, null, "local server on 5432");
			}
		}
		return startEmbedded(dir);
	}

	private static void ensureLocalDatabase(String url, String user, String password) {
		Matcher local = LOCAL_URL.matcher(url);
		if (!local.matches()) {
			return;
		}
		String port = local.group(3) == null ? "5432" : local.group(3);
		String admin = "jdbc:postgresql://" + local.group(1) + ":" + port + "/postgres";
		if (canConnect(admin, user, password)) {
			createDatabaseIfMissing(admin, user, password, local.group(4));
		}
	}

	private static boolean canConnect(String url, String user, String password) {
		try (java.sql.Connection ignored = DriverManager.getConnection(url, user, password)) {
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static void createDatabaseIfMissing(String adminUrl, String user, String password, String database) {
		try (java.sql.Connection connection = DriverManager.getConnection(adminUrl, user, password);
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, database);
			if (!exists.executeQuery().next()) {
				try (var create = connection.createStatement()) {
					create.execute("create database \"" + database + "\"");
				}
				log.info("created database {}", database);
			}
		}
		catch (SQLException ex) {
			// Another process may have created it meanwhile; connecting will tell.
			log.debug("could not create database {}: {}", database, ex.getMessage());
		}
	}

	private static synchronized Connection startEmbedded(Path dir) {
		try {
			if (embedded == null) {
				embedded = EmbeddedPostgres.builder()
					.setDataDirectory(dir.resolve("pgdata"))
					.setCleanDataDirectory(false)
					.start();
			}
			String url = embedded.getJdbcUrl("postgres", "postgres");
			return new Connection(url, "postgres", null, "embedded PostgreSQL");
		}
		catch (IOException | RuntimeException ex) {
			throw new DemoUnavailableException("PostgreSQL",
					"No PostgreSQL was configured (SPRING_DATASOURCE_URL), none answered on 127.0.0.1:5432, and an "
							+ "embedded one could not start (" + ex.getMessage() + ").",
					"Install and start PostgreSQL (Debian: apt-get install postgresql), or set SPRING_DATASOURCE_URL, "
							+ "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.");
		}
	}

}
