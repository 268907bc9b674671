package dev.hubguard.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Remembered verdicts follow the pod: a changed pod is checked again. */
class PodVerdictsTest {

	private final PodVerdicts verdicts = new PodVerdicts();

	private static Pod pod(String version, UnaryOperator<PodBuilder> change) {
		return new PodBuilder(Facts.pod("jupyter-ada", change)).editMetadata()
			.withUid("uid-ada")
			.withResourceVersion(version)
			.endMetadata()
			.build();
	}

	private static final UnaryOperator<PodBuilder> PRIVILEGED = p -> p.editSpec()
		.editFirstContainer()
		.editSecurityContext()
		.withPrivileged(true)
		.endSecurityContext()
		.endContainer()
		.endSpec();

	@Test
	void aPodFixedInANewVersionNoLongerFails() {
		assertThat(verdicts.of(pod("1", PRIVILEGED)).checkIds()).containsExactly("user-pod.privileged");
		assertThat(verdicts.of(pod("2", UnaryOperator.identity())).checkIds()).isEmpty();
	}

	@Test
	void podsWithTheSameProblemsShareOneVerdict() {
		Pod other = new PodBuilder(pod("7", PRIVILEGED)).editMetadata().withUid("uid-bo").endMetadata().build();
		assertThat(verdicts.of(other)).isSameAs(verdicts.of(pod("1", PRIVILEGED)));
	}

	@Test
	void aPodNotSeenInARoundIsForgotten() {
		verdicts.of(pod("1", PRIVILEGED));
		verdicts.startRound();
		verdicts.endRound();
		assertThat(verdicts.size()).isZero();
		verdicts.startRound();
		verdicts.of(pod("1", PRIVILEGED));
		verdicts.endRound();
		assertThat(verdicts.size()).isEqualTo(1);
	}

	@Test
	void theReportFromRememberedVerdictsEqualsAFreshOne() {
		List<Pod> pods = List.of(pod("1", PRIVILEGED));
		PodChecks.Outcome fresh = PodChecks.check(pods);
		verdicts.of(pods.get(0));
		PodChecks.Outcome remembered = PodChecks.check(pods, verdicts::of);
		assertThat(remembered).isEqualTo(fresh);
	}

}
