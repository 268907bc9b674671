package dev.hubguard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.Browser;
import dev.hubguard.support.PortalTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a person clicks: sign in through the demo provider in a real Chromium and use the
 * dashboard.
 */
@PortalTest
class SignInBrowserTest {

	@LocalServerPort
	int port;

	ChromeDriver browser;

	@BeforeEach
	void openBrowser() throws Exception {
		browser = Browser.start(1280, 900);
	}

	@AfterEach
	void closeBrowser() {
		browser.quit();
	}

	void signInAs(String demoUser, String provider) {
		browser.get("http://127.0.0.1:" + port + "/");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		browser.findElement(By.id("signin-" + provider)).click();
		Browser.chooseDemoUser(browser, demoUser, "http://127.0.0.1:" + port + "/");
	}

	@Test
	void hubAdminSignsInAndSeesTheirHubOnTheDashboard() throws Exception {
		signInAs("admin-a", "cilogon");

		List<WebElement> cards = browser.findElements(By.cssSelector("article.hub-card"));
		assertThat(cards).extracting(card -> card.getAttribute("data-hub")).containsExactly("2i2c/mtu");
		assertThat(browser.findElement(By.cssSelector(".demo-banner")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("Ada Admin").contains("Hub admin");
		Browser.screenshot(browser, "dashboard-admin-a");

		cards.get(0).findElement(By.cssSelector("h3 a")).click();
		Browser.waitForText(browser, By.tagName("h1"), "2i2c/mtu");
		Browser.screenshot(browser, "hub-2i2c-mtu");
	}

	@Test
	void staffSeeAllClustersAndEveryHub() throws Exception {
		signInAs("staff", "github");

		assertThat(browser.findElements(By.cssSelector("article.hub-card"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector("#hub-table tbody tr"))).hasSize(26);
		browser.findElement(By.id("sort-cluster")).click();
		Browser.waitForUrl(browser, "http://127.0.0.1:" + port + "/?q=&sort=cluster&dir=asc");
		assertThat(browser.findElements(By.cssSelector("#hub-table tbody tr td:nth-child(2)")))
			.extracting(WebElement::getText)
			.containsSubsequence("2i2c", "cloudbank", "hhmi", "nasa-cryo");
		browser.findElement(By.id("hub-q")).sendKeys("spyglass\n");
		Browser.waitForUrl(browser, "http://127.0.0.1:" + port + "/?q=spyglass");
		assertThat(browser.findElements(By.cssSelector("#hub-table tbody tr")))
			.extracting(r -> r.getAttribute("data-hub"))
			.containsExactly("hhmi/spyglass");
		Browser.screenshot(browser, "dashboard-staff");
	}

	@Test
	void aNobodyIsToldWhyThereIsNothingToSee() throws Exception {
		signInAs("nobody", "cilogon");

		assertThat(browser.findElement(By.id("no-hubs")).getText()).contains("No hub names you as an admin");
		assertThat(browser.findElements(By.cssSelector("article.hub-card"))).isEmpty();
		Browser.screenshot(browser, "dashboard-nobody");
	}

	@Test
	void aPersonCreatesAnApiTokenAndSeesItOnce() throws Exception {
		signInAs("admin-b", "cilogon");
		browser.findElement(By.linkText("API tokens")).click();
		int before = browser.findElements(By.cssSelector("#token-list tbody tr")).size();

		browser.findElement(By.name("name")).sendKeys("nightly report");
		browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();

		Browser.waitForText(browser, By.id("new-token-js"), "nightly report");
		String value = browser.findElement(By.id("new-token-value")).getAttribute("value");
		assertThat(value).startsWith("hg_");
		// Created through the API from the page: the page's address is still a plain GET.
		assertThat(browser.getCurrentUrl()).endsWith("/tokens");
		assertThat(browser.findElements(By.cssSelector("#token-list tbody tr"))).hasSize(before + 1);
		Browser.screenshot(browser, "tokens-created");
		browser.navigate().refresh();
		assertThat(browser.getPageSource()).doesNotContain(value).contains("nightly report");
		// The reload created nothing.
		assertThat(browser.findElements(By.cssSelector("#token-list tbody tr"))).hasSize(before + 1);
		// Revoking asks first; dismissing keeps the token.
		browser.findElement(By.xpath("//table[@id='token-list']//tr[td[1][text()='nightly report']]//button")).click();
		assertThat(browser.switchTo().alert().getText()).contains("Revoke the token nightly report?");
		browser.switchTo().alert().dismiss();
		assertThat(browser.findElement(By.id("token-list")).getText()).contains("active");
	}

	@Test
	void signingOutReturnsToTheSignInPage() {
		signInAs("admin-a", "cilogon");

		browser.findElement(By.cssSelector("form[action='/logout'] button")).click();

		Browser.waitForText(browser, By.tagName("h1"), "You are signed out");
		browser.get("http://127.0.0.1:" + port + "/");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
	}

}
