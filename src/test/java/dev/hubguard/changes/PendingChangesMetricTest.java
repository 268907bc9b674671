package dev.hubguard.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pending change requests gauge follows the queue as requests come and go. */
@PortalTest
class PendingChangesMetricTest {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	double pending() {
		return meters.get("hubguard_change_requests_pending").gauge().value();
	}

	long pendingRows() {
		return jdbc.sql("select count(*) from change_requests where state = 'PENDING'").query(Long.class).single();
	}

	int version() {
		return jdbc.sql("select coalesce(max(version), 0) from egress_versions where hub = '2i2c/mtu'")
			.query(Integer.class)
			.single();
	}

	@Test
	void theGaugeCountsRequestsWaitingForADecision() {
		Api ada = Api.as(port, accounts, tokens,
				Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		// Another test in this context may have left one of ada's requests open on the
		// hub.
		jdbc.sql("select id from change_requests where hub = '2i2c/mtu' and state = 'PENDING'")
			.query(Long.class)
			.list()
			.forEach(open -> ada.post("/api/v1/change-requests/" + open + "/withdraw", "{}"));
		Api.Response requested = ada.put("/api/v1/hubs/2i2c/mtu/internet-access",
				"{\"mode\":\"OPEN\",\"allowPrivate\":true,\"justification\":\"metrics test\",\"baseVersion\":"
						+ version() + "}");
		assertThat(requested.status()).as(requested.body()).isIn(200, 201, 202);
		long id = jdbc.sql("select max(id) from change_requests where state = 'PENDING'").query(Long.class).single();
		double withRequest = pending();

		Api.Response withdrawn = ada.post("/api/v1/change-requests/" + id + "/withdraw", "{}");

		assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
		assertThat(withRequest).isPositive().isEqualTo((double) pendingRows() + 1);
		assertThat(pending()).isEqualTo(withRequest - 1).isEqualTo((double) pendingRows());
	}

}
