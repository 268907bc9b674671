package dev.hubguard.secrets;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many secrets each hub has, for the fleet views (one grouped read of the key). */
@Component
public class SecretCounts {

	private final JdbcClient jdbc;

	SecretCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Hub ({@code cluster/hub}) to its number of secrets; hubs without any are absent.
	 */
	public Map<String, Long> byHub() {
		Map<String, Long> counts = new HashMap<>();
		jdbc.sql("select hub, count(*) from secrets group by hub")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

}
