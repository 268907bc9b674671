package dev.hubguard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outside text is escaped for where it goes; tokens are only good for their own kind. */
class MessageTextTest {

	@Test
	void aSubjectIsOneLineWhateverTheTitleHolds() {
		assertThat(Messages.subject("Report\r\nBcc: everyone@example.org\u2028x\u0085y")).doesNotContain("\r", "\n")
			.doesNotContain("\u2028", "\u0085")
			.isEqualTo("Report Bcc: everyone@example.org x y");
		assertThat(Messages.subject("x".repeat(500))).hasSize(200);
	}

	@Test
	void chatTextCannotMentionEveryoneNorHideALink() {
		assertThat(Messages.escapeChat("<!channel> & <https://evil.example|your hub>"))
			.isEqualTo("&lt;!channel&gt; &amp; &lt;https://evil.example|your hub&gt;");
	}

	@Test
	void anUnsubscribeTokenStandsForOnePersonOneKindAndOneChannel() {
		UnsubscribeTokens tokens = new UnsubscribeTokens(properties("a key"));
		String token = tokens
			.token(new UnsubscribeTokens.Subscription("cilogon:ada@mtu.example", NoticeKind.CHANGE_APPROVED, "email"));
		assertThat(tokens.read(token)).hasValueSatisfying(s -> {
			assertThat(s.person()).isEqualTo("cilogon:ada@mtu.example");
			assertThat(s.kind()).isEqualTo(NoticeKind.CHANGE_APPROVED);
		});
		assertThat(tokens.read(token.replace("change.approved", "change.rejected"))).isEmpty();
		assertThat(tokens.read(token.substring(0, token.length() - 2))).isEmpty();
		assertThat(tokens.read("nonsense")).isEmpty();
		assertThat(new UnsubscribeTokens(properties("another key")).read(token)).as("another key").isEmpty();
		assertThat(new UnsubscribeTokens(properties("a key")).read(token)).as("another replica, same key").isPresent();
	}

	static NotifyProperties properties(String key) {
		return new NotifyProperties("hubguard@localhost", false, Duration.ofSeconds(1), 50, Duration.ofSeconds(5),
				Duration.ofMinutes(10), 10, Duration.ofMinutes(15), List.of(), null, null, key, Duration.ofSeconds(5),
				false, Duration.ofMinutes(5), Duration.ofSeconds(30));
	}

}
