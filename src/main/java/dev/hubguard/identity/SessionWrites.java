package dev.hubguard.identity;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Sessions live in PostgreSQL so that every replica knows them. Spring Session writes a
 * session's last-access time back after every request, which made each page view a
 * committed write, and concurrent views in one session (tabs, a page's parallel loads)
 * queue on that row's lock. The session row is now written only when something other than
 * the access time changed (its id at sign-in, its principal, its timeout) or when the
 * stored access time is {@link #ACCESS_PRECISION_MS} old: an 8-hour session then expires
 * at most a minute early, and a steady page view writes nothing.
 */
@Configuration(proxyBeanMethods = false)
class SessionWrites {

	/** How stale the stored last-access time may get before a request writes it. */
	static final long ACCESS_PRECISION_MS = 60_000;

	/**
	 * Spring Session's update, with its six parameters in their order, that matches no
	 * row (so locks and writes nothing) when only the access time moved, by less than the
	 * precision.
	 */
	static final String UPDATE_SESSION = """
			UPDATE %TABLE_NAME% s
			SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access, MAX_INACTIVE_INTERVAL = v.max_inactive,
			    EXPIRY_TIME = v.expiry, PRINCIPAL_NAME = v.principal
			FROM (SELECT CAST(? AS CHAR(36)) AS session_id, CAST(? AS BIGINT) AS last_access,
			             CAST(? AS INT) AS max_inactive, CAST(? AS BIGINT) AS expiry,
			             CAST(? AS VARCHAR(100)) AS principal, CAST(? AS CHAR(36)) AS primary_id) v
			WHERE s.PRIMARY_ID = v.primary_id
			  AND (s.SESSION_ID <> v.session_id OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive
			       OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal
			       OR v.last_access - s.LAST_ACCESS_TIME >= PRECISION)
			""".replace("PRECISION", String.valueOf(ACCESS_PRECISION_MS));

	/**
	 * The repository the session filter uses: the JDBC one, saved only when a request
	 * changed the session. Wrapped where it is made rather than declared as a second
	 * repository, which would make Spring Boot's session configuration back off.
	 */
	@Bean
	static BeanPostProcessor quietSessions() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return bean instanceof JdbcIndexedSessionRepository sessions ? new QuietSessions(sessions) : bean;
			}
		};
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> fewerSessionWrites() {
		return repository -> repository.setUpdateSessionQuery(UPDATE_SESSION);
	}

}
