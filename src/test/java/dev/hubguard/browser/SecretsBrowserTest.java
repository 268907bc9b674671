package dev.hubguard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Browser;
import dev.hubguard.support.InView;
import dev.hubguard.support.PortalTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A hub admin sets a secret in the browser, sees the hub wired and the servers that need
 * a restart; a refused submit comes back without the value.
 */
@PortalTest
class SecretsBrowserTest {

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	Accounts accounts;

	@org.springframework.beans.factory.annotation.Autowired
	ApiTokens tokens;

	ChromeDriver admin;

	@BeforeEach
	void openBrowser() throws Exception {
		admin = Browser.start(1280, 1800);
	}

	@AfterEach
	void closeBrowser() {
		admin.quit();
	}

	@Test
	void hubAdminSetsASecretAndSeesTheHubWiredAndTheServersThatNeedARestart() throws Exception {
		String base = "http://127.0.0.1:" + port;
		admin.get(base + "/");
		admin.findElement(By.id("signin-cilogon")).click();
		Browser.chooseDemoUser(admin, "admin-a", base + "/");
		admin.get(base + "/hubs/2i2c/mtu/secrets");
		assertThat(admin.findElement(By.id("readable-by-users")).getText())
			.contains("Every user of this hub can read these values");
		assertThat(admin.findElement(By.id("wiring-env")).getText()).isEqualTo("wired");

		admin.findElement(By.id("secret-name")).sendKeys("LD_PRELOAD");
		admin.findElement(By.id("secret-value")).sendKeys("browser-refused-value");
		admin.findElement(By.id("secret-submit")).click();
		assertThat(admin.findElement(By.id("form-error")).getText()).contains("ask provider staff to allow it");
		assertThat(admin.findElement(By.id("secret-value")).getAttribute("value")).isEmpty();
		assertThat(admin.getPageSource()).doesNotContain("browser-refused-value");
		Browser.screenshot(admin, "secrets-refused");

		admin.findElement(By.id("secret-name")).clear();
		admin.findElement(By.id("secret-name")).sendKeys("OPENAI_API_KEY");
		admin.findElement(By.id("secret-value")).sendKeys("sk-browser-test-value");
		admin.findElement(By.name("description")).sendKeys("the course's shared key");
		admin.findElement(By.id("secret-submit")).click();
		Browser.waitForText(admin, By.id("notice"), "Saved OPENAI_API_KEY");
		assertThat(admin.findElement(By.cssSelector("tr[data-secret='OPENAI_API_KEY']")).getText())
			.contains("$OPENAI_API_KEY")
			.contains("the course's shared key");
		assertThat(admin.findElement(By.id("restart-needed")).getText()).contains("Restart needed")
			.contains("student1@mtu.example");
		assertThat(admin.getPageSource()).doesNotContain("sk-browser-test-value");
		Browser.screenshot(admin, "secrets-set");

		admin.findElement(By.cssSelector("tr[data-secret='OPENAI_API_KEY'] button.delete")).click();
		Browser.confirm(admin, "Delete OPENAI_API_KEY?");
		Browser.waitForText(admin, By.id("notice"), "Deleted OPENAI_API_KEY");
	}

	@Test
	void hubAdminReplacesAndDeletesASecretFromItsRowAndSeesItsHistory() throws Exception {
		ChromeDriver person = Browser.start(1366, 768);
		try {
			String base = "http://127.0.0.1:" + port;
			String page = base + "/hubs/2i2c/mtu/secrets";
			Api ada = Api.as(port, accounts, tokens,
					Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
			Api.Response left = ada.get("/api/v1/hubs/2i2c/mtu/secrets/COURSE_TOKEN");
			if (left.status() == 200) {
				ada.delete("/api/v1/hubs/2i2c/mtu/secrets/COURSE_TOKEN", "If-Match",
						left.json().get("version").asString());
			}
			person.get(base + "/");
			person.findElement(By.id("signin-cilogon")).click();
			Browser.chooseDemoUser(person, "admin-a", base + "/");
			person.get(page);
			person.findElement(By.id("secret-name")).sendKeys("COURSE_TOKEN");
			person.findElement(By.id("secret-value")).sendKeys("first-browser-value");
			person.findElement(By.id("secret-description")).sendKeys("the course's token");
			person.findElement(By.id("secret-submit")).click();
			Browser.waitForText(person, By.id("notice"), "Saved COURSE_TOKEN (version 1)");

			// Replace from the row: no name or version to type, the description kept.
			person.findElement(By.cssSelector("tr[data-secret='COURSE_TOKEN'] a.replace")).click();
			Browser.waitForText(person, By.cssSelector("#set-secret h2"), "Replace COURSE_TOKEN");
			assertThat(person.findElements(By.id("secret-version"))).isEmpty();
			assertThat(person.findElement(By.id("secret-name")).getAttribute("type")).isEqualTo("hidden");
			assertThat(person.findElement(By.id("secret-description")).getAttribute("value"))
				.isEqualTo("the course's token");
			InView.assertFocused(person, "secret-value");
			InView.assertVisible(person, By.id("secret-value"));
			Browser.screenshot(person, "secrets-replace-1366");

			// Someone else replaces it meanwhile: the refusal keeps what was typed but
			// the value.
			assertThat(ada
				.put("/api/v1/hubs/2i2c/mtu/secrets/COURSE_TOKEN",
						"{\"value\":\"meanwhile\",\"delivery\":\"ENV\",\"description\":\"the course's token\"}",
						"If-Match", "1")
				.status()).isEqualTo(200);
			person.findElement(By.id("secret-value")).sendKeys("second-browser-value");
			person.findElement(By.id("secret-description")).clear();
			person.findElement(By.id("secret-description")).sendKeys("rotated for spring");
			person.findElement(By.id("secret-submit")).click();
			Browser.waitForText(person, By.id("form-error"), "changed meanwhile");
			assertThat(person.findElement(By.id("form-error")).getText())
				.contains("COURSE_TOKEN was changed meanwhile by", "now version 2")
				.doesNotContain("If-Match");
			InView.assertFocused(person, "form-error");
			InView.assertVisible(person, By.id("form-error"));
			assertThat(person.findElement(By.id("secret-description")).getAttribute("value"))
				.isEqualTo("rotated for spring");
			assertThat(person.findElement(By.id("secret-value")).getAttribute("value")).isEmpty();
			assertThat(person.getPageSource()).doesNotContain("second-browser-value");
			Browser.screenshot(person, "secrets-replace-conflict-1366");
			person.findElement(By.id("secret-value")).sendKeys("second-browser-value");
			person.findElement(By.id("secret-submit")).click();
			Browser.waitForText(person, By.id("notice"), "Saved COURSE_TOKEN (version 3)");
			assertThat(person.findElement(By.cssSelector("tr[data-secret='COURSE_TOKEN']")).getText())
				.contains("rotated for spring");

			// Its history, on the page: who, when, what changed.
			person.findElement(By.cssSelector("details[data-history='COURSE_TOKEN'] summary")).click();
			assertThat(person.findElements(By.cssSelector("details[data-history='COURSE_TOKEN'] tbody tr"))).hasSize(3);
			assertThat(person.findElement(By.cssSelector("details[data-history='COURSE_TOKEN'] tbody tr")).getText())
				.contains("value replaced, description changed", "Ada Admin");
			assertThat(person.findElement(By.cssSelector("details[data-history='COURSE_TOKEN']")).getText())
				.contains("created (environment variable)");
			Browser.screenshot(person, "secrets-history-1366");

			// Delete asks first, naming what is destroyed (the person scrolls back up to
			// the list
			// first: the driver's own scrolling would leave the button under the sticky
			// header).
			person.executeScript(
					"document.querySelector(\"tr[data-secret='COURSE_TOKEN']\").scrollIntoView({block: 'center'})");
			person.findElement(By.cssSelector("tr[data-secret='COURSE_TOKEN'] button.delete")).click();
			Browser.confirm(person, "Delete COURSE_TOKEN? Its value is destroyed");
			Browser.waitForText(person, By.id("notice"), "Deleted COURSE_TOKEN");
		}
		finally {
			person.quit();
		}
	}

	@Test
	void theHubConfigurationHasACopyButton() throws Exception {
		ChromeDriver person = Browser.start(390, 844);
		try {
			String base = "http://127.0.0.1:" + port;
			person.get(base + "/");
			person.findElement(By.id("signin-cilogon")).click();
			Browser.chooseDemoUser(person, "admin-a", base + "/");
			person.executeCdpCommand("Browser.grantPermissions", java.util.Map.of("origin", base, "permissions",
					java.util.List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
			person.get(base + "/hubs/2i2c/mtu/secrets");
			if (person.findElement(By.id("configuration")).getAttribute("open") == null) {
				person.findElement(By.cssSelector("#configuration summary")).click();
			}
			person.findElement(By.id("copy-configuration")).click();
			Browser.waitForText(person, By.id("copy-configuration-status"), "Copied");
			Object copied = person.executeAsyncScript(
					"const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
			assertThat(copied.toString()).contains("name: hubguard-user-env", "mountPath: /etc/hubguard/secrets");
			Browser.screenshot(person, "secrets-copy-390");
		}
		finally {
			person.quit();
		}
	}

}
