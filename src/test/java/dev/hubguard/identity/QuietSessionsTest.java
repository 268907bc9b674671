package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

class QuietSessionsTest {

	private final AtomicInteger saves = new AtomicInteger();

	private final MapSessionRepository stored = new MapSessionRepository(new ConcurrentHashMap<>()) {
		@Override
		public void save(MapSession session) {
			saves.incrementAndGet();
			super.save(session);
		}
	};

	private final QuietSessions sessions = new QuietSessions(stored);

	private String id;

	private Instant storedAccess;

	@BeforeEach
	void aStoredSession() {
		QuietSessions.Tracked created = sessions.createSession();
		created.setAttribute("who", "sam");
		sessions.save(created);
		id = created.getId();
		storedAccess = created.getLastAccessedTime();
		saves.set(0);
	}

	@Test
	void aNewSessionIsSaved() {
		sessions.save(sessions.createSession());

		assertThat(saves).hasValue(1);
	}

	@Test
	void aRequestThatOnlyMovesTheAccessTimeWithinAMinuteWritesNothing() {
		QuietSessions.Tracked session = sessions.findById(id);
		session.setLastAccessedTime(storedAccess.plusSeconds(59));
		assertThat(session.getAttribute("who").toString()).isEqualTo("sam");
		session.removeAttribute("never-set");
		session.setMaxInactiveInterval(session.getMaxInactiveInterval());

		sessions.save(session);

		assertThat(saves).hasValue(0);
	}

	@Test
	void anAccessTimeAMinuteNewerThanTheStoredOneIsWritten() {
		QuietSessions.Tracked session = sessions.findById(id);
		session.setLastAccessedTime(storedAccess.plusSeconds(60));

		sessions.save(session);

		assertThat(saves).hasValue(1);
		assertThat(stored.findById(id).getLastAccessedTime()).isEqualTo(storedAccess.plusSeconds(60));
	}

	@Test
	void everyOtherChangeIsWritten() {
		QuietSessions.Tracked attribute = sessions.findById(id);
		attribute.setAttribute("csrf", "token");
		sessions.save(attribute);
		QuietSessions.Tracked removed = sessions.findById(id);
		removed.removeAttribute("csrf");
		sessions.save(removed);
		QuietSessions.Tracked timeout = sessions.findById(id);
		timeout.setMaxInactiveInterval(Duration.ofHours(1));
		sessions.save(timeout);
		QuietSessions.Tracked renamed = sessions.findById(id);
		String newId = renamed.changeSessionId();
		sessions.save(renamed);

		assertThat(saves).hasValue(4);
		assertThat(stored.findById(newId).getMaxInactiveInterval()).isEqualTo(Duration.ofHours(1));
		assertThat(stored.findById(newId).<String>getAttribute("csrf")).isNull();
	}

	@Test
	void theReadRightAfterASaveOnTheSameThreadIsAnsweredByTheSavedSessionOnce() {
		QuietSessions sessions = new QuietSessions(stored, Duration.ofMinutes(1));
		QuietSessions.Tracked session = sessions.findById(id);
		sessions.save(session);
		stored.deleteById(id);

		assertThat(sessions.findById(id)).as("the filter's validity check after its save").isSameAs(session);
		assertThat(sessions.findById(id)).as("any later read").isNull();
	}

	@Test
	void aReadLongerAfterTheSaveThanTheFilterTakesGoesToTheStore() {
		QuietSessions sessions = new QuietSessions(stored, Duration.ZERO);
		sessions.save(sessions.findById(id));
		stored.deleteById(id);

		assertThat(sessions.findById(id)).isNull();
	}

	@Test
	void aSaveOnAnotherThreadAnswersNoRead() throws InterruptedException {
		QuietSessions sessions = new QuietSessions(stored, Duration.ofMinutes(1));
		QuietSessions.Tracked session = sessions.findById(id);
		Thread other = Thread.ofVirtual().start(() -> sessions.save(session));
		other.join();
		stored.deleteById(id);

		assertThat(sessions.findById(id)).isNull();
	}

	@Test
	void aSignOutDeletesTheStoredSession() {
		sessions.deleteById(id);

		assertThat(sessions.findById(id)).isNull();
	}

}
