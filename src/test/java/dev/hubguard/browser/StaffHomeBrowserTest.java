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
	void aSignedInNobodyIsOfferedNoPageTheyCannotUse() throws Exception {
		signIn("nobody");
		assertThat(browser.findElements(By.linkText("Changes"))).isEmpty();
		assertThat(browser.findElements(By.linkText("Abuse"))).isEmpty();
		assertThat(browser.findElements(By.linkText("Audit"))).isEmpty();
		assertThat(browser.findElements(By.id("attention"))).isEmpty();
		assertThat(browser.findElements(By.linkText("API tokens"))).hasSize(1);
	}

}
