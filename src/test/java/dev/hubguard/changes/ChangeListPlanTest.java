package dev.hubguard.changes;

import static dev.hubguard.support.QueryPlans.assertIndexed;

import dev.hubguard.shared.Cursor;
import dev.hubguard.support.PortalTest;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With a realistic queue (20,000 requests over 50 hubs, one in a hundred pending,
 * analysed), every page query of the change lists, first or deep, newest first or the
 * grouped queue, for staff or a hub admin, is read through an index: no sequential scan,
 * no sort at all for staff, and for a hub admin no sort of more than their hubs' own
 * requests (the planner may sort a hub's few rows of one state rather than walk an index
 * for them). The rows are rolled back.
 */
@PortalTest
class ChangeListPlanTest {

	static final List<String> HUBS = List.of("plan/h1", "plan/h2", "plan/h3");

	/** Requests per hub. */
	static final int PER_HUB = 20_000 / 50;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void everyPageQueryIsServedByAnIndex() {
		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			tx.setRollbackOnly();
			jdbc.sql("""
					insert into change_requests (hub, kind, state, after_state, summary, justification, base_version,
					    widens_access, requested_by, requested_at, requested_by_emails)
					select 'plan/h' || (g % 50), 'internet-access',
					    case when g % 100 = 0 then 'PENDING' when g % 7 = 0 then 'REJECTED' else 'APPROVED' end,
					    '{}', 'plan', 'plan', 0, true, 'test:plan', now() - g * interval '1 minute', '{}'
					from generate_series(1, 20000) g""").update();
			jdbc.sql("analyze change_requests").update();
			Map<String, Object> deep = jdbc.sql(
					"select requested_at from change_requests order by requested_at desc, id desc offset 15000 limit 1")
				.query()
				.singleRow();
			String at = Cursor.micros(((Timestamp) deep.get("requested_at")).toInstant());
			Cursor deepNewest = Cursor.of("changes", at, "1");
			Cursor deepQueue = Cursor.of("change-queue", "plan/h40", at, "1");
			int rows = ChangeLists.DEFAULT_LIMIT + 1;
			for (Cursor after : Arrays.asList(null, deepNewest)) {
				for (ChangeState state : Arrays.asList(null, ChangeState.REJECTED, ChangeState.PENDING)) {
					ChangeLists.PageSql staff = ChangeLists.pageSql(null, state, ChangeLists.Order.NEWEST, after, rows);
					assertIndexed(jdbc, staff.sql(), staff.params(), "change_requests", 0);
					ChangeLists.PageSql admin = ChangeLists.pageSql(HUBS, state, ChangeLists.Order.NEWEST, after, rows);
					assertIndexed(jdbc, admin.sql(), admin.params(), "change_requests", PER_HUB * HUBS.size());
				}
			}
			for (Cursor after : Arrays.asList(null, deepQueue)) {
				ChangeLists.PageSql staff = ChangeLists.pageSql(null, ChangeState.PENDING, ChangeLists.Order.QUEUE,
						after, rows);
				assertIndexed(jdbc, staff.sql(), staff.params(), "change_requests", 0);
				ChangeLists.PageSql admin = ChangeLists.pageSql(HUBS, ChangeState.PENDING, ChangeLists.Order.QUEUE,
						after, rows);
				assertIndexed(jdbc, admin.sql(), admin.params(), "change_requests", PER_HUB * HUBS.size());
			}
		});
	}

}
