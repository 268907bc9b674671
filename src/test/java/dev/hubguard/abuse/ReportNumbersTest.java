package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reports are numbered per hub by the database, with no gap when an insert is skipped
 * because the user's report is already open.
 */
@PortalTest
class ReportNumbersTest {

	@Autowired
	JdbcClient jdbc;

	void open(String hub, String subject) {
		jdbc.sql("""
				insert into abuse_reports (ref, hub, subject, username, state, opened_at, updated_at)
				values (:ref, :hub, :subject, :subject, 'OPEN', now(), now())
				on conflict (coalesce(hub, ''), subject) where state in ('OPEN', 'INVESTIGATING') do nothing""")
			.param("ref", "numbers-" + hub.replace('/', '-') + "-" + subject + "-" + System.nanoTime())
			.param("hub", hub)
			.param("subject", subject)
			.update();
	}

	List<Integer> numbers(String hub) {
		return jdbc.sql("select number from abuse_reports where hub = :hub order by id")
			.param("hub", hub)
			.query(Integer.class)
			.list();
	}

	@Test
	void eachHubCountsItsOwnReportsFromOneWithoutGaps() {
		open("numbers/a", "user:one");
		open("numbers/a", "user:one");
		open("numbers/a", "user:two");
		open("numbers/b", "user:one");
		open("numbers/a", "user:three");
		assertThat(numbers("numbers/a")).containsExactly(1, 2, 3);
		assertThat(numbers("numbers/b")).containsExactly(1);
	}

}
