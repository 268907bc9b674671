package dev.hubguard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Browser;
import dev.hubguard.support.PortalTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The mail that approving a request sends, as the demo's inbox page shows it; its
 * screenshot is the README's picture of a message.
 */
@PortalTest
class NotificationMailBrowserTest {

	static final String MTU = "/api/v1/hubs/2i2c/mtu/internet-access";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	NotifyWorker worker;

	ChromeDriver browser;

	@BeforeEach
	void openBrowser() throws Exception {
		browser = Browser.start(1366, 1000);
	}

	@AfterEach
	void closeBrowser() {
		browser.quit();
	}

	String request(Api ada, String mode) {
		JsonNode desired = ada.get(MTU).json().get("desired");
		int base = desired == null || desired.isNull() ? 0 : desired.get("version").asInt();
		return """
				{"mode":"%s","justification":"The course installs packages from PyPI","baseVersion":%d}"""
			.formatted(mode, base);
	}

	@Test
	void approvingARequestSendsItsAuthorAMailWithALinkToIt() throws Exception {
		People people = new People(port, accounts, tokens);
		// What the demo's start-up told is sent first: the approval is then the newest
		// mail.
		worker.drain();
		Api.Response filed = people.ada.put(MTU, request(people.ada, "OPEN"));
		if (!"pending".equals(filed.json().get("state").asString())) {
			people.ada.put(MTU, request(people.ada, "BLOCKED"));
			filed = people.ada.put(MTU, request(people.ada, "OPEN"));
		}
		long id = filed.json().get("id").asLong();
		assertThat(people.sam.post("/api/v1/change-requests/" + id + "/approve", null).status()).isEqualTo(200);
		worker.drain();

		String base = "http://127.0.0.1:" + port;
		browser.get(base + "/");
		browser.findElement(By.id("signin-cilogon")).click();
		Browser.chooseDemoUser(browser, "admin-a", base + "/");
		browser.get(base + "/demo/mail?to=ada@mtu.example");
		WebElement newest = browser.findElement(By.cssSelector("main section.card"));
		assertThat(newest.findElement(By.tagName("h2")).getText())
			.isEqualTo("Change " + id + " on 2i2c/mtu was approved");
		assertThat(newest.findElement(By.className("mail-meta")).getText()).contains("ada@mtu.example");
		assertThat(newest.findElement(By.className("mail-text")).getText()).contains("/changes/" + id)
			.contains("Stop these emails");
		Path shot = Browser.screenshot(browser, "notification-mail-1366");
		assertThat(Files.size(shot)).isPositive();
	}

}
