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
 * At 390 px (a phone): no page scrolls sideways, the banner and navigation take at most
 * two lines, and tables keep their key column in view as stacked rows.
 */
@PortalTest
class PhoneLayoutBrowserTest {

	@LocalServerPort
	int port;

	ChromeDriver browser;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start(500, 844);
		// Headless Chromium keeps windows at least 500 px wide: emulate the phone's
		// viewport.
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
	}

	@AfterEach
	void close() {
		browser.quit();
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	void noSidewaysScroll(String page) {
		Number overflow = (Number) browser
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
		assertThat(overflow.intValue()).as(page + " scrolls sideways by").isLessThanOrEqualTo(0);
		// Rows of the navigation: its visible items, grouped by where they start.
		long lines = (Long) browser
			.executeScript(String.join("\n", "const items = [...document.querySelector('nav.nav').children]",
					"  .filter(e => e.offsetParent !== null && !e.classList.contains('spacer'))",
					"  .map(e => e.getBoundingClientRect().top).sort((a, b) => a - b);", "let rows = 0, row = -1000;",
					"for (const top of items) { if (top > row + 14) { rows++; row = top; } }", "return rows;"));
		assertThat(lines).as(page + ": navigation lines, element tops " + browser
			.executeScript("return JSON.stringify([...document.querySelector('nav.nav').children]"
					+ ".map(e => [e.tagName, e.className, Math.round(e.getBoundingClientRect().top), Math.round(e.getBoundingClientRect().width)]))"))
			.isLessThanOrEqualTo(2);
	}

	@org.springframework.beans.factory.annotation.Autowired
	dev.hubguard.isolation.IsolationHistory history;

	@Test
	void theHubAdminsPagesFitAPhone() throws Exception {
		// With a snapshot the isolation page also draws its history chart.
		history.snapshotAll();
		browser.get(base() + "/");
		browser.findElement(By.id("signin-cilogon")).click();
		Browser.chooseDemoUser(browser, "admin-a", base() + "/");
		for (String page : List.of("/", "/hubs/2i2c/mtu", "/hubs/2i2c/mtu/internet-access", "/hubs/2i2c/mtu/isolation",
				"/hubs/2i2c/mtu/abuse", "/changes", "/audit", "/tokens")) {
			browser.get(base() + page);
			Browser.screenshot(browser, "phone" + (page.equals("/") ? "-dashboard" : page.replace('/', '-')));
			noSidewaysScroll(page);
		}
		browser.get(base() + "/hubs/2i2c/mtu/internet-access");
		List<WebElement> keys = browser.findElements(By.cssSelector("#effective-table tbody tr td:first-child"));
		assertThat(keys).isNotEmpty().allSatisfy(cell -> assertThat(cell.isDisplayed()).isTrue());
		assertThat(keys.get(0).getRect().getX() + keys.get(0).getRect().getWidth()).isLessThanOrEqualTo(390);
	}

}
