package dev.hubguard.audit;

import static dev.hubguard.support.QueryPlans.assertIndexed;

import dev.hubguard.support.PortalTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With a realistic log (20,000 rows over 20 hubs, analysed), every page query of the
 * audit log, first or deep, and the filter's suggestions are read through an index: no
 * sequential scan of the log and no sort of more than a page per hub. The rows are
 * written in a transaction that is rolled back, as the log refuses deletes.
 */
@PortalTest
class AuditPlanTest {

	static final List<String> HUBS = List.of("plan/h1", "plan/h2", "plan/h3");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void everyPageQueryAndTheSuggestionsAreServedByAnIndex() {
		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			tx.setRollbackOnly();
			jdbc.sql("""
					insert into audit_log (at, actor, hub, action, summary, change_request)
					select now() - g * interval '1 second', 'test:plan-' || (g % 7),
					    case when g % 10 = 0 then null else 'plan/h' || (g % 20) end,
					    case when g % 10 = 0 then 'identity.signed-in' else 'plan.action-' || (g % 4) end,
					    'plan row ' || g, case when g % 50 = 0 then 900000 + g / 500 end
					from generate_series(1, 20000) g""").update();
			jdbc.sql("analyze audit_log").update();
			Map<String, Object> deepRow = jdbc
				.sql("select at, id from audit_log where action <> 'identity.signed-in' order by at desc, id desc "
						+ "offset 15000 limit 1")
				.query()
				.singleRow();
			AuditQuery.Position deep = new AuditQuery.Position(((java.sql.Timestamp) deepRow.get("at")).toInstant(),
					((Number) deepRow.get("id")).longValue());
			for (AuditQuery.Position before : java.util.Arrays.asList(null, deep)) {
				for (AuditQuery query : List.of(new AuditQuery(null, null, null, before, 51, false),
						new AuditQuery(null, null, null, before, 51, true),
						new AuditQuery("plan/h5", null, null, before, 51, false),
						new AuditQuery(null, "plan.action-2", null, before, 51, false),
						new AuditQuery(null, null, "test:plan-3", before, 51, false),
						new AuditQuery(null, null, null, before, 51, true, 900010L))) {
					AuditLog.PageSql staff = AuditLog.pageSql(query, null);
					assertIndexed(jdbc, staff.sql(), staff.params(), "audit_log", 0);
				}
				AuditLog.PageSql admin = AuditLog.pageSql(new AuditQuery(null, null, null, before, 51, false), HUBS);
				assertIndexed(jdbc, admin.sql(), admin.params(), "audit_log", 51 * HUBS.size());
				AuditLog.PageSql oneRequest = AuditLog
					.pageSql(new AuditQuery(null, null, null, before, 51, true, 900010L), HUBS);
				assertIndexed(jdbc, oneRequest.sql(), oneRequest.params(), "audit_log", 51);
			}
			assertIndexed(jdbc, AuditLog.ACTIONS, Map.of(), "audit_log", 0);
			assertIndexed(jdbc, AuditLog.ACTORS, Map.of(), "audit_log", 0);
			assertIndexed(jdbc, AuditLog.HUB_ACTORS, Map.of("hubs", HUBS), "audit_log", 100);
		});
	}

}
