package dev.hubguard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.Browser;
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

		admin.findElement(By.cssSelector("tr[data-secret='OPENAI_API_KEY'] button")).click();
		Browser.waitForText(admin, By.id("notice"), "Deleted OPENAI_API_KEY");
	}

}
