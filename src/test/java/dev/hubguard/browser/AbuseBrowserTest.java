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
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.Z2jhObjects;
import dev.hubguard.support.TestPrometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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

	@Test
	void aReportsTimelineHoldsTheAlertTheNoteAndTheServerStopInOrder() throws Exception {
		String user = "tl" + Long.toHexString(System.nanoTime()) + "@mtu.example";
		var server = Z2jhObjects.userPod("mtu", user);
		String pod = server.getMetadata().getName();
		DemoRuntime.current()
			.orElseThrow()
			.cluster("2i2c")
			.client()
			.pods()
			.inNamespace("mtu")
			.resource(server)
			.create();
		TestPrometheus.startWith("mtu", "jupyter-student1-40mtu-2eexample");
		intake.receive(AlertmanagerPayloads
			.parse(("""
					{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"UserMemoryNearLimit",
					"cluster":"2i2c","namespace":"mtu","pod":"%s","severity":"warning"},
					"annotations":{"summary":"memory at 97%% of the limit"},"startsAt":"%s",
					"endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s"}]}""")
				.formatted(pod, Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS),
						Long.toHexString(System.nanoTime()))
				.getBytes(StandardCharsets.UTF_8)));

		signIn("staff");
		browser.get("http://127.0.0.1:" + port + "/abuse");
		browser.findElement(By.xpath("//tr[td[text()='" + user + "']]//a")).click();
		String report = browser.getCurrentUrl();
		reloadUntil(By.id("server-state"), "running");
		browser.findElement(By.name("text")).sendKeys("Asked the user what the job is.");
		browser.findElement(By.cssSelector("#notes button")).click();
		Browser.waitForText(browser, By.id("timeline"), "Asked the user");
		browser.findElement(By.id("stop-server")).click();
		Browser.confirm(browser, "Stop this user's server now?");
		Browser.waitForText(browser, By.id("timeline"), "stopped the user's server " + pod);

		reloadUntil(By.id("server-state"), "stopped");
		assertThat(browser.findElements(By.id("stop-server"))).as("no server, no stop button").isEmpty();
		List<String> kinds = browser.findElements(By.cssSelector("#timeline li"))
			.stream()
			.map(li -> li.getAttribute("data-kind"))
			.toList();
		assertThat(kinds).containsExactly("alert", "note", "server-stopped");
		assertThat(browser.findElement(By.id("timeline")).getText()).contains("UserMemoryNearLimit")
			.contains("Asked the user what the job is.")
			.contains("stopped the user's server " + pod);
		fullPage("abuse-report-1366");
		browser.get("http://127.0.0.1:" + port + "/abuse");
		fullPage("abuse-overview-1366");
		browser.get("http://127.0.0.1:" + port + "/hubs/2i2c/mtu/abuse");
		fullPage("abuse-hub-1366");
		String student = reportOfStudent1();
		browser.get("http://127.0.0.1:" + port + "/abuse/" + student);
		fullPage("abuse-report-charts-1366");
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
		for (String[] page : new String[][] { { report, "abuse-report-390" }, { "/abuse", "abuse-overview-390" },
				{ "/hubs/2i2c/mtu/abuse", "abuse-hub-390" }, { "/abuse/" + student, "abuse-report-charts-390" } }) {
			browser.get(page[0].startsWith("/") ? "http://127.0.0.1:" + port + page[0] : page[0]);
			Number overflow = (Number) browser
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(overflow.intValue()).as(page[1] + " scrolls sideways by").isLessThanOrEqualTo(0);
			fullPage(page[1]);
		}
	}

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/** A report about student1's server, whose usage the test Prometheus holds. */
	String reportOfStudent1() {
		intake.receive(AlertmanagerPayloads
			.parse(("""
					{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"UserCpuAtLimitSustained",
					"cluster":"2i2c","namespace":"mtu","pod":"jupyter-student1-40mtu-2eexample","severity":"warning"},
					"annotations":{"summary":"student1 has used all the CPU for an hour"},"startsAt":"%s",
					"endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s"}]}""")
				.formatted(Instant.now().minusSeconds(1800).truncatedTo(ChronoUnit.SECONDS),
						Long.toHexString(System.nanoTime()))
				.getBytes(StandardCharsets.UTF_8)));
		return jdbc.sql("""
				select r.ref from abuse_alerts a join abuse_reports r on r.id = a.report_id
				where a.pod = 'jupyter-student1-40mtu-2eexample' order by a.id desc limit 1""")
			.query(String.class)
			.single();
	}

	/** The cluster cache follows the cluster within moments: reload until it has. */
	void reloadUntil(By by, String text) throws InterruptedException {
		for (int i = 0; i < 50 && !browser.findElement(by).getText().equals(text); i++) {
			Thread.sleep(100);
			browser.navigate().refresh();
		}
		assertThat(browser.findElement(by).getText()).isEqualTo(text);
	}

	/** The whole page, not only what the window shows. */
	void fullPage(String name) throws Exception {
		Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true));
		Path dir = Path.of("target/screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
	}

}
