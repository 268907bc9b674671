package dev.hubguard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.support.Browser;
import dev.hubguard.support.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebElement;
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

	static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

	@Test
	void aHubsPageStartsWithItsWorstFindingsListsFailuresBySeverityAndFoldsPasses() throws Exception {
		signIn("staff");
		browser.get(base() + "/hubs/nasa-cryo/staging/isolation");
		Browser.screenshot(browser, "isolation-worst-first-1366");
		phone();
		browser.navigate().refresh();
		fullPage("isolation-worst-first-390");
		wide();
		browser.navigate().refresh();

		WebElement worst = browser.findElement(By.id("iso-worst"));
		assertThat(worst.getLocation().getY()).as("the summary of the worst findings comes before the checks")
			.isLessThan(browser.findElement(By.id("iso-checks")).getLocation().getY());
		assertThat(worst.getText()).contains("critical", "The cloud metadata server is unreachable");
		List<WebElement> shown = browser.findElements(By.cssSelector("#iso-checks article.iso-check"))
			.stream()
			.filter(WebElement::isDisplayed)
			.toList();
		assertThat(shown).as("failing checks are shown").isNotEmpty();
		assertThat(shown).as("only what is not a pass is shown unfolded")
			.allMatch(a -> !a.getAttribute("class").contains("result-pass"));
		assertThat(shown.get(0).getAttribute("id")).isEqualTo("network.cloud-metadata");
		List<Integer> ranks = shown.stream()
			.filter(a -> a.getAttribute("class").contains("result-fail"))
			.map(a -> SEVERITIES.indexOf(a.getAttribute("data-severity")))
			.toList();
		assertThat(ranks).as("failures, worst first").isSorted();
		WebElement passes = browser.findElement(By.id("iso-passes"));
		assertThat(passes.getAttribute("open")).as("passes are folded away").isNull();
		assertThat(passes.findElement(By.tagName("summary")).getText()).matches("\\d+ checks pass");
		passes.findElement(By.tagName("summary")).click();
		WebElement ranges = browser.findElement(By.id("hub.load-balancer-source-ranges"));
		assertThat(ranges.getText())
			.contains("public load balancer, normal for a public hub",
					"restrict with proxy.service.loadBalancerSourceRanges")
			.doesNotContain("open to every address");
	}

	@Test
	void staffReadTheMatrixBySeveritySortByCriticalFailuresAndExemptFromACell() throws Exception {
		signIn("staff");
		browser.get(base() + "/staff/isolation");
		fullPage("isolation-matrix-1366");
		phone();
		browser.navigate().refresh();
		fullPage("isolation-matrix-390");
		wide();
		browser.navigate().refresh();

		WebElement head = browser.findElement(By.cssSelector(".matrix thead"));
		assertThat(head.getText()).contains("Critical", "User containers are not privileged",
				"The cloud metadata server is unreachable");
		assertThat(browser.findElement(By.cssSelector(".matrix th.col[data-check='user-pod.privileged']"))
			.getAttribute("class")).contains("severity-critical");
		browser.findElement(By.id("sort-critical")).click();
		Browser.waitForUrl(browser, base() + "/staff/isolation?sort=critical");
		List<Integer> critical = browser.findElements(By.cssSelector(".matrix tbody tr td.critical-count"))
			.stream()
			.map(td -> Integer.parseInt(td.getText().strip()))
			.toList();
		assertThat(critical).as("most critical failures first").isSortedAccordingTo((a, b) -> b - a);
		assertThat(critical.get(0)).isPositive();
		String hub = browser.findElement(By.cssSelector(".matrix tbody tr")).getAttribute("data-hub");

		browser
			.findElement(By.cssSelector("tr[data-hub='" + hub + "'] td[data-check='network.cloud-metadata'] a.exempt"))
			.click();
		WebElement form = browser.findElement(By.id("cell-exempt"));
		assertThat(form.getText()).contains(hub, "The cloud metadata server is unreachable",
				"hides a critical failure");
		assertThat(browser.switchTo().activeElement().getAttribute("name")).as("the reason has the focus")
			.isEqualTo("reason");
		form.findElement(By.name("reason")).sendKeys("provider firewall blocks it");
		browser.executeScript("document.querySelector('#cell-exempt input[name=expiresOn]').value = arguments[0]",
				LocalDate.now(ZoneOffset.UTC).plusDays(14).toString());
		form.findElement(By.cssSelector("button[type=submit]")).click();
		Browser.confirm(browser, "hides a critical failure");
		Browser.waitForUrl(browser, base() + "/staff/isolation?sort=critical");
		WebElement cell = browser
			.findElement(By.cssSelector("tr[data-hub='" + hub + "'] td[data-check='network.cloud-metadata']"));
		assertThat(cell.getText()).contains("exempt");
		assertThat(cell.findElement(By.tagName("a")).getAttribute("title")).contains("hides a critical failure",
				"provider firewall blocks it");
		browser.get(base() + "/hubs/" + hub + "/isolation");
		assertThat(browser.findElement(By.id("exemptions")).getText()).contains("provider firewall blocks it");
		browser.findElement(By.cssSelector("#exemptions form.inline button")).click();
		Browser.waitForUrl(browser, base() + "/hubs/" + hub + "/isolation");
	}

	@Test
	void onAPhoneTheMatrixIsAListOfHubsWithoutSidewaysScrolling() throws Exception {
		signIn("staff");
		phone();
		browser.get(base() + "/staff/isolation?failing=true");
		fullPage("isolation-matrix-failing-390");
		assertThat(browser.findElement(By.cssSelector("table.matrix")).isDisplayed()).isFalse();
		WebElement binder = browser.findElement(By.cssSelector(".matrix-list li[data-hub='hhmi/binder']"));
		assertThat(binder.isDisplayed()).isTrue();
		assertThat(binder.getText()).contains("hhmi/binder", "User containers run as non-root", "high");
		Number overflow = (Number) browser.executeScript(
				"const c = document.querySelector('.matrix-card'); return Math.max(c.scrollWidth - c.clientWidth,"
						+ " document.documentElement.scrollWidth - document.documentElement.clientWidth)");
		assertThat(overflow.intValue()).as("scrolls sideways by").isLessThanOrEqualTo(0);
	}

	void phone() {
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
	}

	void wide() {
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
	}

	/** The whole page, not only what the window shows. */
	void fullPage(String name) throws Exception {
		Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true));
		java.nio.file.Path dir = java.nio.file.Path.of("target/screenshots");
		java.nio.file.Files.createDirectories(dir);
		java.nio.file.Files.write(dir.resolve(name + ".png"),
				java.util.Base64.getDecoder().decode((String) shot.get("data")));
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
		Eventually.within(Duration.ofSeconds(30), "the probe's result on the page", () -> {
			if (probeText().contains("policy not enforced")) {
				return true;
			}
			browser.navigate().refresh();
			return false;
		});
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
		assertThat(browser.findElement(By.id("iso-checks")).getAttribute("textContent")).as("folded with the passes")
			.contains("user-pod.non-root");
		assertThat(browser.findElements(By.id("exempt-form"))).isEmpty();
		Browser.screenshot(browser, "isolation-2i2c-mtu");
	}

}
