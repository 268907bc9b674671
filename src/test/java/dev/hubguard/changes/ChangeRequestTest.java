package dev.hubguard.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Person;
import dev.hubguard.shared.ForbiddenException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Four eyes on the aggregate: people are compared, not sign-ins. */
class ChangeRequestTest {

	static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	static final Person SAM_BY_CILOGON = new Person("cilogon:sam@hubguard.example", "sam",
			Set.of("sam@hubguard.example"));

	static final Person SAM_BY_GITHUB = new Person("github:sam-staff", "sam", Set.of());

	static final Person KIM = new Person("github:kim", "kim", Set.of("kim@hubguard.example"));

	static ChangeRequest filedBy(Person requester) {
		return new ChangeRequest(new HubRef("nasa-cryo", "prod"), "egress", "{}", "{\"mode\":\"OPEN\"}", "open",
				"workshop", 3, true, requester, NOW);
	}

	@Test
	void anotherPersonOnTheRosterApproves() {
		ChangeRequest request = filedBy(SAM_BY_CILOGON);

		request.approve(KIM, 3, NOW);

		assertThat(request.state()).isEqualTo(ChangeState.APPROVED);
	}

	@Test
	void theSamePersonUnderAnotherSignInWithoutAnEmailIsRefused() {
		ChangeRequest request = filedBy(SAM_BY_CILOGON);

		assertThatThrownBy(() -> request.approve(SAM_BY_GITHUB, 3, NOW)).isInstanceOf(ForbiddenException.class)
			.hasMessageContaining("own request");
		assertThat(request.state()).isEqualTo(ChangeState.PENDING);
	}

	@Test
	void aSharedVerifiedEmailIsRefusedEvenWhenTheRequesterIsNotOnTheRoster() {
		ChangeRequest request = filedBy(new Person("github:kim-personal", null, Set.of("kim@hubguard.example")));

		assertThatThrownBy(() -> request.approve(KIM, 3, NOW)).isInstanceOf(ForbiddenException.class)
			.hasMessageContaining("any of their sign-ins");
		assertThat(request.state()).isEqualTo(ChangeState.PENDING);
	}

	@Test
	void staffWhoseSignInIsNotOnTheRosterAreRefusedButMayReject() {
		ChangeRequest request = filedBy(SAM_BY_CILOGON);

		assertThatThrownBy(() -> request.approve(new Person("github:new-hire", null, Set.of()), 3, NOW))
			.isInstanceOf(ForbiddenException.class)
			.hasMessageContaining("staff roster");
		assertThat(request.state()).isEqualTo(ChangeState.PENDING);
		request.reject("github:new-hire", "not now", NOW);
		assertThat(request.state()).isEqualTo(ChangeState.REJECTED);
	}

	@Test
	void theStatesShownPassThroughTheKindsRedaction() {
		ChangeRequest request = filedBy(SAM_BY_CILOGON);
		org.springframework.test.util.ReflectionTestUtils.setField(request, "id", 7L);

		ChangeRequestView view = request.view(3, state -> "[redacted]");

		assertThat(view.after()).isEqualTo("[redacted]");
		assertThat(request.afterState()).isNotEqualTo("[redacted]");
	}

	@Test
	void aCommentConcernsTheAuthorTheDeciderAndEarlierCommentersButNotTheCommenter() {
		ChangeRequest request = filedBy(SAM_BY_CILOGON);
		assertThat(request.participants("github:kim", java.util.List.of("github:kim", "github:lee")))
			.containsExactly("cilogon:sam@hubguard.example", "github:lee");

		request.reject("github:kim", "not now", NOW);

		assertThat(request.participants("github:lee", java.util.List.of("github:lee", "github:lee")))
			.containsExactly("cilogon:sam@hubguard.example", "github:kim");
		assertThat(request.participants("cilogon:sam@hubguard.example", java.util.List.of()))
			.containsExactly("github:kim");
	}

	@Test
	void aChangeAppliedAtOnceHasNoDeciderToTell() {
		ChangeRequest request = new ChangeRequest(new HubRef("nasa-cryo", "prod"), "egress", "{}",
				"{\"mode\":\"BLOCKED\"}", "close", "done", 3, false, SAM_BY_CILOGON, NOW);
		request.approveAutomatically(3, NOW);

		assertThat(request.participants("github:kim", java.util.List.of()))
			.containsExactly("cilogon:sam@hubguard.example");
	}

}
