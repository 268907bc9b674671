package dev.hubguard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.abuse.AlertIntake;
import dev.hubguard.abuse.AlertmanagerPayloads;
import dev.hubguard.support.Browser;
import dev.hubguard.support.PortalTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Staff triage a report in the browser; the hub admin follows the ticket permalink to it.
 */
@PortalTest
class AbuseBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	AlertIntake intake;

	ChromeDriver browser;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start(1280, 1200);
	}

	@AfterEach
	void close() {
		browser.quit();
	}

	void signIn(String demoUser) {
		browser.get("http://127.0.0.1:" + port + "/");
		browser.findElement(By.id("signin-cilogon")).click();
		Browser.chooseDemoUser(browser, demoUser, "http://127.0.0.1:" + port + "/");
	}

	@Test
	void staffTriageAReportAndLinkATicketThatTheHubAdminThenOpens() throws Exception {
		String fingerprint = Long.toHexString(System.nanoTime());
		intake.receive(AlertmanagerPayloads
			.parse(("""
					{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"UserCpuAtLimitSustained",
					"cluster":"2i2c","namespace":"mtu","pod":"jupyter-ada-40mtu-2eexample","severity":"warning"},
					"annotations":{"summary":"ada has used all her CPU for 3 hours"},"startsAt":"%s",
					"endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s"}]}""")
				.formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS), fingerprint)
				.getBytes(StandardCharsets.UTF_8)));

		signIn("staff");
		browser.findElement(By.linkText("Abuse")).click();
		assertThat(browser.findElement(By.cssSelector("svg.chart")).isDisplayed()).isTrue();
		Browser.screenshot(browser, "abuse-staff-overview");
		String label = browser.findElement(By.xpath("//tr[td[text()='ada@mtu.example']]//a")).getText();
		assertThat(label).as("reports are numbered per hub").matches("mtu-\\d+");
		browser.findElement(By.xpath("//tr[td[text()='ada@mtu.example']]//a")).click();
		assertThat(browser.findElement(By.id("report-label")).getText()).isEqualTo(label);
		String permalink = browser.getCurrentUrl();
		new Select(browser.findElement(By.name("state"))).selectByValue("investigating");
		browser.findElement(By.cssSelector("#triage button")).click();
		Browser.waitForText(browser, By.id("state"), "investigating");
		browser.findElement(By.name("ticketId")).sendKeys("2i2c-4242");
		browser.findElement(By.name("url")).sendKeys("https://support.example.org/tickets/4242");
		browser.findElement(By.cssSelector("#tickets button")).click();
		Browser.waitForText(browser, By.id("tickets"), "2i2c-4242");
		Browser.screenshot(browser, "abuse-report-staff");
		browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
		Browser.waitForText(browser, By.tagName("h1"), "You are signed out");

		browser.get(permalink);
		browser.findElement(By.id("signin-cilogon")).click();
		Browser.chooseDemoUser(browser, "admin-a", "http://127.0.0.1:" + port + "/");

		Browser.waitForUrl(browser, permalink);
		assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("ada@mtu.example");
		assertThat(browser.findElements(By.id("stop-server"))).as("staff only").isEmpty();
	}

}
