package dev.hubguard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Without a configured key, an unsubscribe link signed by one replica (or before a
 * restart) still works on another: the key is kept in PostgreSQL.
 */
@PortalTest
class UnsubscribeKeyTest {

	@Autowired
	NotifyProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UnsubscribeTokens running;

	@Test
	void aLinkSignedByOneReplicaWorksOnAnotherAndAfterARestart() {
		assertThat(properties.unsubscribeKey()).as("the test profile configures no key").isNullOrEmpty();
		UnsubscribeTokens.Subscription ada = new UnsubscribeTokens.Subscription("cilogon:ada@mtu.example",
				NoticeKind.CHANGE_APPROVED, "email");

		String token = running.token(ada);
		UnsubscribeTokens otherReplica = new UnsubscribeTokens(properties, jdbc);

		assertThat(otherReplica.read(token)).contains(ada);
		assertThat(new UnsubscribeTokens(properties, jdbc).read(otherReplica.token(ada))).contains(ada);
		assertThat(otherReplica.read(token.substring(0, token.length() - 2) + "xx")).as("a forged signature").isEmpty();
	}

}
