package dev.hubguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.PortalTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With several replicas on one database, exactly one holds the reconciler lock. */
@PortalTest
class LeaderLockTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	LeaderLock runningReplica;

	@Test
	void aSecondReplicaDoesNotLeadWhileTheFirstHoldsTheLockAndTakesOverAfter() {
		assertThat(runningReplica.isLeader()).isTrue();
		LeaderLock secondReplica = new LeaderLock(dataSource);

		assertThat(secondReplica.isLeader()).isFalse();
		// The running replica's reconciler asks isLeader() (synchronized) on its own
		// schedule and would take the released lock back before the second replica
		// asks: holding its monitor keeps that thread out until the handover is made.
		synchronized (runningReplica) {
			runningReplica.release();
			assertThat(secondReplica.isLeader()).isTrue();
		}

		secondReplica.release();
		assertThat(runningReplica.isLeader()).isTrue();
	}

}
