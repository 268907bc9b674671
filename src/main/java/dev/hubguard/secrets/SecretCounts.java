package dev.hubguard.secrets;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many secrets each hub has, for the fleet views (one grouped read of the key). */
@Component
public class SecretCounts {

	private final JdbcClient jdbc;

	private final java.util.function.Supplier<Map<String, Long>> byHub;

	SecretCounts(JdbcClient jdbc, dev.hubguard.shared.DataRevisions revisions) {
		this.jdbc = jdbc;
		this.byHub = revisions.memo(this::readByHub, "secrets");
	}

	/**
	 * Hub ({@code cluster/hub}) to its number of secrets; hubs without any are absent.
	 */
	public Map<String, Long> byHub() {
		return byHub.get();
	}

	private Map<String, Long> readByHub() {
		Map<String, Long> counts = new HashMap<>();
		jdbc.sql("select hub, count(*) from secrets group by hub")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return java.util.Collections.unmodifiableMap(counts);
	}

}
