package dev.hubguard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.cluster.ReconcileState;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.support.PortalTest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Aggregates that pages show are kept in memory and read again only once a table they
 * read from was written, by this replica, another one, or SQL run by hand: what a page
 * shows is what was committed before it, without one query per aggregate per view.
 */
@PortalTest
class DataRevisionsTest {

	@Autowired
	DataRevisions revisions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Reconciler reconciler;

	@Test
	void anAggregateIsReadAgainOnlyAfterItsTableIsWritten() {
		AtomicInteger reads = new AtomicInteger();
		Supplier<Long> count = revisions.memo(() -> {
			reads.incrementAndGet();
			return jdbc.sql("select count(*) from change_requests").query(Long.class).single();
		}, "change_requests");

		long before = count.get();
		count.get();
		count.get();
		assertThat(reads).as("read once while nothing is written").hasValue(1);

		jdbc.sql("update change_requests set state = state where id < 0").update();
		assertThat(count.get()).isEqualTo(before);
		assertThat(reads).as("read again after a write, even one that changed no row").hasValue(2);

		jdbc.sql("update secrets set hub = hub where hub is null").update();
		count.get();
		assertThat(reads).as("a write to another table does not count").hasValue(2);
	}

	@Test
	void aStatusAnotherReplicaWritesShowsOnTheDashboardAtOnce() {
		String object = "elsewhere/NetworkPolicy/ns/hubguard-revision-test";
		reconciler.statusByHub();
		try {
			jdbc.sql("""
					insert into reconcile_status (object, hub, desired_version, state, last_error)
					values (:object, 'elsewhere/revision-test', 1, 'ERROR', 'written by another replica')""")
				.param("object", object)
				.update();
			assertThat(reconciler.statusByHub().get("elsewhere/revision-test")).as("the error row, read at once")
				.satisfies(status -> assertThat(status.state()).isEqualTo(ReconcileState.ERROR));
		}
		finally {
			jdbc.sql("delete from reconcile_status where object = :object").param("object", object).update();
		}
		assertThat(reconciler.statusByHub()).doesNotContainKey("elsewhere/revision-test");
	}

}
