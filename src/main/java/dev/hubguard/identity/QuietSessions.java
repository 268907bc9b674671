package dev.hubguard.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The sessions in PostgreSQL, saved only when a request changed one. Spring Session saves
 * the session after every request because the access time moved; {@link SessionWrites}
 * already makes that statement match no row while the stored time is younger than
 * {@link SessionWrites#ACCESS_PRECISION_MS}, but it still cost a transaction and a round
 * trip per page view. Here a session read by a request remembers the access time it was
 * stored with and whether the request changed anything else (an attribute, its id, its
 * timeout); a save with nothing to write never reaches the database.
 * <p>
 * Spring Session's filter also reads the session a second time after saving it at the end
 * of a request, only to ask whether the id the browser sent is still valid: the session
 * this thread has just saved answers that, if asked for within {@link #JUST_SAVED}. Every
 * other read comes from PostgreSQL, so a sign-out on any replica ends the session at once
 * everywhere.
 */
class QuietSessions implements SessionRepository<QuietSessions.Tracked> {

	/**
	 * How long after a save on a thread the saved session answers that thread's read: the
	 * filter reads microseconds after saving, and a request on a reused thread comes
	 * later.
	 */
	static final Duration JUST_SAVED = Duration.ofMillis(10);

	private final SessionRepository<Session> sessions;

	private final long justSavedNanos;

	private final ThreadLocal<JustSaved> justSaved = new ThreadLocal<>();

	private record JustSaved(Tracked session, long at) {
	}

	QuietSessions(SessionRepository<? extends Session> sessions) {
		this(sessions, JUST_SAVED);
	}

	@SuppressWarnings("unchecked")
	QuietSessions(SessionRepository<? extends Session> sessions, Duration justSaved) {
		this.sessions = (SessionRepository<Session>) sessions;
		this.justSavedNanos = justSaved.toNanos();
	}

	@Override
	public Tracked createSession() {
		Tracked created = new Tracked(sessions.createSession());
		created.changed = true;
		return created;
	}

	@Override
	public void save(Tracked session) {
		if (session.changed || Duration.between(session.storedAccess, session.getLastAccessedTime())
			.toMillis() >= SessionWrites.ACCESS_PRECISION_MS) {
			sessions.save(session.session);
			session.changed = false;
			session.storedAccess = session.getLastAccessedTime();
		}
		justSaved.set(new JustSaved(session, System.nanoTime()));
	}

	@Override
	public Tracked findById(String id) {
		JustSaved saved = justSaved.get();
		justSaved.remove();
		if (saved != null && saved.session().getId().equals(id) && System.nanoTime() - saved.at() < justSavedNanos
				&& !saved.session().isExpired()) {
			return saved.session();
		}
		Session found = sessions.findById(id);
		return found == null ? null : new Tracked(found);
	}

	@Override
	public void deleteById(String id) {
		justSaved.remove();
		sessions.deleteById(id);
	}

	/** A stored session, and whether this request changed more than its access time. */
	static final class Tracked implements Session {

		private final Session session;

		private Instant storedAccess;

		private boolean changed;

		Tracked(Session session) {
			this.session = session;
			this.storedAccess = session.getLastAccessedTime();
		}

		@Override
		public String getId() {
			return session.getId();
		}

		@Override
		public String changeSessionId() {
			changed = true;
			return session.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String name) {
			return session.getAttribute(name);
		}

		@Override
		public Set<String> getAttributeNames() {
			return session.getAttributeNames();
		}

		@Override
		public void setAttribute(String name, Object value) {
			changed = true;
			session.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			changed |= session.getAttribute(name) != null;
			session.removeAttribute(name);
		}

		@Override
		public Instant getCreationTime() {
			return session.getCreationTime();
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			session.setLastAccessedTime(lastAccessedTime);
		}

		@Override
		public Instant getLastAccessedTime() {
			return session.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			if (!interval.equals(session.getMaxInactiveInterval())) {
				changed = true;
			}
			session.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return session.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return session.isExpired();
		}

	}

}
