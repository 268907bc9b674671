package dev.hubguard.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.SignInClient;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A pending request made against a version its hub has since left is marked stale in the
 * lists, one hub's version never standing in for another's: the list reads every hub's
 * current version at once.
 */
@PortalTest
class ChangeListStalenessTest {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	final String marker = "staleness test " + System.nanoTime();

	@AfterEach
	void closeWhatThisTestOpened() {
		jdbc.sql("update change_requests set state = 'WITHDRAWN' where summary = :m and state = 'PENDING'")
			.param("m", marker)
			.update();
	}

	int currentVersion(String hub) {
		return jdbc.sql("select coalesce(max(version), 0) from egress_versions where hub = :hub")
			.param("hub", hub)
			.query(Integer.class)
			.single();
	}

	long file(String hub, int baseVersion) {
		return jdbc.sql("""
				insert into change_requests (hub, kind, state, after_state, summary, justification, base_version,
				    widens_access, requested_by, requested_at, requested_by_emails)
				values (:hub, 'internet-access', 'PENDING', '{"mode":"OPEN","allowPrivate":false,"rules":[]}', :m,
				    'staleness', :base, true, 'github:staleness-test', now(), '{}')
				returning id""")
			.param("hub", hub)
			.param("m", marker)
			.param("base", baseVersion)
			.query(Long.class)
			.single();
	}

	@Test
	void eachPendingRequestIsStaleExactlyWhenItsHubsVersionMovedOn() {
		int mtu = currentVersion("2i2c/mtu");
		int spyglass = currentVersion("hhmi/spyglass");
		Map<Long, Boolean> stale = new HashMap<>();
		stale.put(file("2i2c/mtu", mtu), false);
		stale.put(file("2i2c/mtu", mtu + 1), true);
		stale.put(file("hhmi/spyglass", spyglass), false);
		stale.put(file("hhmi/spyglass", spyglass + 2), true);
		stale.put(file("hhmi/spyglass", mtu == spyglass ? mtu + 3 : mtu), true);

		Api staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Map<Long, Boolean> listed = new HashMap<>();
		staff.get("/api/v1/change-requests?state=pending&limit=200")
			.json()
			.forEach(r -> listed.put(r.get("id").asLong(), r.get("stale").asBoolean()));
		assertThat(listed).containsAllEntriesOf(stale);

		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		String queue = sam.get("/changes?limit=200").body();
		stale.forEach((id, expected) -> {
			String row = queue.substring(queue.indexOf("data-request=\"" + id + "\""));
			row = row.substring(0, row.indexOf("</tr>"));
			assertThat(row.contains("(stale)")).as("request %d on the staff queue", id).isEqualTo(expected);
		});
	}

}
