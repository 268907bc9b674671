package dev.hubguard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.Browser;
import dev.hubguard.support.PortalTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Staff find a failing hub in the matrix with one click, follow a cell to its evidence
 * and remedy, and exempt the check; the hub's admin sees the summary on the hub page.
 */
@PortalTest
class IsolationBrowserTest {

	@LocalServerPort
	int port;

	ChromeDriver browser;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start(1400, 1200);
	}

	@AfterEach
	void close() {
		browser.quit();
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	void signIn(String demoUser) {
		browser.get(base() + "/");
		browser.findElement(By.id("signin-cilogon")).click();
		Browser.chooseDemoUser(browser, demoUser, base() + "/");
	}

	@Test
	void staffFilterToFailingFollowACellToItsRemedyAndExemptIt() throws Exception {
		signIn("staff");
		browser.get(base() + "/staff/isolation");
		Browser.screenshot(browser, "isolation-matrix");
		browser.findElement(By.id("only-failing")).click();
		Browser.waitForUrl(browser, base() + "/staff/isolation?failing=true");
		assertThat(browser.findElements(By.cssSelector("tr[data-hub='hhmi/spyglass']"))).isEmpty();
		Browser.screenshot(browser, "isolation-matrix-failing");
		browser.findElement(By.cssSelector("tr[data-hub='hhmi/binder'] a[href$='#user-pod.non-root']")).click();
		Browser.waitForUrl(browser, base() + "/hubs/hhmi/binder/isolation");
		String check = browser.findElement(By.id("user-pod.non-root")).getText();
		assertThat(check).contains("runAsUser: 0", "C-0013", "uid: 1000");
		Browser.screenshot(browser, "isolation-hhmi-binder");
		browser.findElement(By.cssSelector("#exempt-form select[name=check] option[value='hub.slim-image']")).click();
		browser.findElement(By.cssSelector("#exempt-form input[name=reason]")).sendKeys("upgrading next week");
		browser.executeScript("document.querySelector('#exempt-form input[name=expiresOn]').value = arguments[0]",
				LocalDate.now(ZoneOffset.UTC).plusDays(7).toString());
		browser.findElement(By.cssSelector("#exempt-form button[type=submit]")).click();
		Browser.waitForText(browser, By.id("exemptions"), "upgrading next week");
		Browser.screenshot(browser, "isolation-exemption");
		browser.findElement(By.cssSelector("#exemptions form.inline button")).click();
		Browser.waitForUrl(browser, base() + "/hubs/hhmi/binder/isolation");
	}

	/**
	 * The probe check's text; empty while the page is being replaced (the form posts and
	 * redirects back to the same address, so an element found early can go stale).
	 */
	String probeText() {
		try {
			return browser.findElement(By.id("network.probe")).getText();
		}
		catch (org.openqa.selenium.StaleElementReferenceException ex) {
			return "";
		}
	}

	@Test
	void staffRunTheNetworkProbeAndSeeCloudbankIgnoreItsPolicies() throws Exception {
		signIn("staff");
		browser.get(base() + "/hubs/cloudbank/avc/isolation");
		browser.findElement(By.cssSelector("#run-probe button")).click();
		Browser.waitForUrl(browser, base() + "/hubs/cloudbank/avc/isolation");
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (!probeText().contains("policy not enforced") && System.nanoTime() < deadline) {
			Thread.sleep(500);
			browser.navigate().refresh();
		}
		String check = probeText();
		assertThat(check).contains("fail", "The cloud metadata server (169.254.169.254:80) was reached",
				"policy not enforced", "asked by");
		browser.executeScript("document.getElementById('network.probe').scrollIntoView()");
		Browser.screenshot(browser, "isolation-probe-cloudbank");
	}

	@Test
	void theHubAdminSeesTheSummaryOnTheHubPage() throws Exception {
		signIn("admin-a");
		browser.get(base() + "/hubs/2i2c/mtu");
		assertThat(browser.findElement(By.id("isolation")).getText()).contains("User isolation", "%");
		Browser.screenshot(browser, "hub-isolation-summary");
		browser.findElement(By.cssSelector("#isolation a.button")).click();
		Browser.waitForUrl(browser, base() + "/hubs/2i2c/mtu/isolation");
		assertThat(browser.findElement(By.id("iso-checks")).getText()).contains("user-pod.non-root");
		assertThat(browser.findElements(By.id("exempt-form"))).isEmpty();
		Browser.screenshot(browser, "isolation-2i2c-mtu");
	}

}
