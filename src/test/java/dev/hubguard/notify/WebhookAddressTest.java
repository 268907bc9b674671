package dev.hubguard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The portal holds cluster credentials: a webhook may never point inside. */
class WebhookAddressTest {

	static String refusal(String url) {
		return Webhooks.refusal(URI.create(url), false).orElse(null);
	}

	@Test
	void aWebhookIsHttpsOnly() {
		assertThat(refusal("http://93.184.215.14/hook")).isEqualTo("a webhook is https only");
		assertThat(refusal("ftp://93.184.215.14/hook")).isEqualTo("a webhook is https only");
	}

	@Test
	void aWebhookToAnInsideAddressIsRefusedInEverySpelling() {
		for (String url : new String[] { "https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/hook",
				"https://169.254.169.254/latest", "https://[::1]/hook", "https://[::ffff:10.0.0.1]/hook",
				"https://[fd00:ec2::254]/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook",
				"https://192.168.1.1/hook", "https://[fc00::1]/hook" }) {
			assertThat(refusal(url)).as(url).startsWith("its host resolves to");
		}
	}

	@Test
	void aWebhookWithCredentialsInItsAddressIsRefused() {
		assertThat(refusal("https://user:pass@93.184.215.14/hook")).contains("no user name or password");
	}

	@Test
	void aPublicHttpsAddressIsAllowedAndTheTestOnlySettingOpensOnlyLoopback() {
		assertThat(refusal("https://93.184.215.14/hook")).isNull();
		assertThat(Webhooks.refusal(URI.create("http://127.0.0.1:9/hook"), true)).isEmpty();
		assertThat(Webhooks.refusal(URI.create("http://10.0.0.1/hook"), true)).isPresent();
	}

}
