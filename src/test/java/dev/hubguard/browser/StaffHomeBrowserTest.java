package dev.hubguard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.Browser;
import dev.hubguard.support.PortalTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Staff's home counts what needs them, each count matching the data and linking to where
 * it is dealt with; a signed-in nobody is offered no page they cannot use.
 */
@PortalTest
class StaffHomeBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ChromeDriver browser;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start(1366, 1000);
	}

	@AfterEach
	void close() {
		browser.quit();
	}

	void signIn(String demoUser) {
		String base = "http://127.0.0.1:" + port;
		browser.get(base + "/");
		browser.findElement(By.id("signin-cilogon")).click();
		Browser.chooseDemoUser(browser, demoUser, base + "/");
	}

	long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	String tile(String id) {
		return browser.findElement(By.cssSelector("#" + id + " strong")).getText();
	}

	@Test
	void staffHomeCountsMatchTheData() throws Exception {
		signIn("staff");
		assertThat(tile("att-pending"))
			.isEqualTo(String.valueOf(count("select count(*) from change_requests where state = 'PENDING'")));
		assertThat(tile("att-open")).isEqualTo(
				String.valueOf(count("select count(*) from abuse_reports where state in ('OPEN', 'INVESTIGATING')")));
		assertThat(tile("att-unassigned")).isEqualTo(String.valueOf(count(
				"select count(*) from abuse_reports where state in ('OPEN', 'INVESTIGATING') and (assignee is null or assignee = '')")));
		assertThat(tile("att-concerns")).isEqualTo(String
			.valueOf(count("select count(*) from security_concerns where created_at >= now() - interval '7 days'")));
		assertThat(Long.parseLong(tile("att-open"))).as("the demo's alerts open reports").isPositive();
		Browser.screenshot(browser, "staff-home");
		browser.findElement(By.id("att-pending")).click();
		Browser.waitForUrl(browser, "http://127.0.0.1:" + port + "/changes?state=pending");
	}

	@Test
	void theFleetTableGradesScoresCountsSecretsAndItsHeadingsLookClickable() throws Exception {
		signIn("staff");

		assertThat(browser.getTitle()).startsWith("All hubs");
		assertThat(browser.findElement(By.id("sort-secrets")).getText()).contains("Secrets");
		for (org.openqa.selenium.WebElement row : browser.findElements(By.cssSelector("#hub-table tbody tr"))) {
			String hub = row.getAttribute("data-hub");
			long secrets = count("select count(*) from secrets where hub = '" + hub + "'");
			assertThat(row.findElement(By.cssSelector(".secret-count")).getText()).as(hub)
				.isEqualTo(secrets == 0 ? "none" : secrets + (secrets == 1 ? " secret" : " secrets"));
			org.openqa.selenium.WebElement score = row.findElement(By.cssSelector(".grade"));
			String text = score.getText();
			String grade = text.endsWith("%") ? (Integer.parseInt(text.replace(" %", "")) >= 90 ? "good"
					: Integer.parseInt(text.replace(" %", "")) >= 70 ? "fair" : "poor") : "none";
			assertThat(score.getAttribute("class")).as(hub + " " + text).contains("grade-" + grade);
			if (!grade.equals("none")) {
				assertThat(score.getCssValue("color")).as(hub + " coloured by grade")
					.isNotEqualTo(browser.findElement(By.cssSelector("#hub-table tbody td")).getCssValue("color"));
			}
		}
		org.openqa.selenium.WebElement heading = browser.findElement(By.id("sort-reports"));
		assertThat(heading.getCssValue("cursor")).isEqualTo("pointer");
		assertThat(heading.getText()).contains("↕");
		new org.openqa.selenium.interactions.Actions(browser).moveToElement(heading).perform();
		assertThat(heading.getCssValue("text-decoration-line")).isEqualTo("underline");
		Browser.screenshot(browser, "fleet-staff-1366");
	}

	@Test
	void aHubAdminsCardShowsTheScoreAndSecretsToo() throws Exception {
		signIn("admin-a");

		assertThat(browser.getTitle()).startsWith("Your hubs");
		org.openqa.selenium.WebElement card = browser
			.findElement(By.cssSelector("article.hub-card[data-hub='2i2c/mtu']"));
		assertThat(card.findElement(By.cssSelector(".grade")).getAttribute("class"))
			.containsPattern("grade-(good|fair|poor|none)");
		assertThat(card.findElement(By.cssSelector(".secret-count")).getText()).matches("none|\\d+ secrets?");
		Browser.screenshot(browser, "fleet-admin-card-1366");
	}

	@Test
	void aSignedInNobodyIsOfferedNoPageTheyCannotUse() throws Exception {
		signIn("nobody");
		assertThat(browser.findElements(By.linkText("Changes"))).isEmpty();
		assertThat(browser.findElements(By.linkText("Abuse"))).isEmpty();
		assertThat(browser.findElements(By.linkText("Audit"))).isEmpty();
		assertThat(browser.findElements(By.id("attention"))).isEmpty();
		assertThat(browser.findElements(By.linkText("API tokens"))).hasSize(1);
	}

}
