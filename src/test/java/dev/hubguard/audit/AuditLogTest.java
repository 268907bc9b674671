package dev.hubguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.support.PortalTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PortalTest
class AuditLogTest {

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDatabaseRefusesToChangeOrDeleteAuditRows() {
		audit.record(AuditEvent.of("test:auditor", "2i2c/mtu", "test.recorded", "an event to keep"));

		assertThatThrownBy(
				() -> jdbc.sql("update audit_log set summary = 'rewritten' where actor = 'test:auditor'").update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_log where actor = 'test:auditor'").update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update()).hasMessageContaining("append-only");
		assertThat(jdbc.sql("select summary from audit_log where actor = 'test:auditor'").query(String.class).list())
			.containsExactly("an event to keep");
	}

	@Test
	void readersSeeOnlyTheHubsTheyAreGiven() {
		audit.record(AuditEvent.of("test:reader", "hhmi/spyglass", "test.seen", "spyglass event"));
		audit.record(AuditEvent.of("test:reader", "2i2c/staging", "test.seen", "staging event"));

		List<AuditLog.AuditEntry> spyglassOnly = audit.find(new AuditQuery(null, "test.seen", null, null, 50),
				List.of("hhmi/spyglass"));
		List<AuditLog.AuditEntry> all = audit.find(new AuditQuery(null, "test.seen", null, null, 50), null);

		assertThat(spyglassOnly).extracting(AuditLog.AuditEntry::summary).containsExactly("spyglass event");
		assertThat(all).extracting(AuditLog.AuditEntry::summary).contains("spyglass event", "staging event");
		assertThat(audit.find(new AuditQuery(null, null, null, null, 50), List.of())).isEmpty();
	}

}
