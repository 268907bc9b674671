package dev.hubguard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.abuse.AlertIntake;
import dev.hubguard.abuse.AlertmanagerPayloads;
import dev.hubguard.support.Browser;
import dev.hubguard.support.Eventually;
import java.time.Duration;
import org.openqa.selenium.WebElement;
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
		new Select(browser.findElement(By.cssSelector("#triage select[name=state]"))).selectByValue("investigating");
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
	void reloadUntil(By by, String text) {
		Eventually.within(Duration.ofSeconds(5), "'" + text + "' in " + by, () -> {
			if (browser.findElement(by).getText().equals(text)) {
				return true;
			}
			browser.navigate().refresh();
			return false;
		});
	}

	/** An Alertmanager alert about {@code user} on 2i2c/mtu, started {@code ago} back. */
	void alert(String user, String alertname, String severity, Duration ago) {
		intake
			.receive(
					AlertmanagerPayloads.parse(("""
							{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"%s",
							"cluster":"2i2c","namespace":"mtu","username":"%s","severity":"%s"},
							"annotations":{"summary":"test"},"startsAt":"%s",
							"endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s"}]}""")
						.formatted(alertname, user, severity, Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS),
								Long.toHexString(System.nanoTime()))
						.getBytes(StandardCharsets.UTF_8)));
	}

	/** The rows' users, top to bottom, of those in {@code users}. */
	List<String> order(List<String> users) {
		return browser.findElements(By.cssSelector("#reports tbody tr td.col-user"))
			.stream()
			.map(td -> td.getText().strip())
			.filter(users::contains)
			.toList();
	}

	@Test
	void listsPutOpenReportsFirstThenTheLatestSeenAndSortByAColumnHeading() throws Exception {
		String tag = Long.toHexString(System.nanoTime());
		String old = "old" + tag + "@mtu.example";
		String recent = "recent" + tag + "@mtu.example";
		// recent's report is opened first, but its user was last seen more recently.
		alert(recent, "UserCpuAtLimitSustained", "warning", Duration.ofMinutes(1));
		alert(old, "CryptoMinerKilled", "critical", Duration.ofHours(5));
		alert(old, "CryptoMinerKilled", "critical", Duration.ofHours(4));
		alert(old, "UserMemoryNearLimit", "warning", Duration.ofHours(3));
		List<String> users = List.of(old, recent);

		signIn("staff");
		browser.get("http://127.0.0.1:" + port + "/abuse?hub=2i2c/mtu");
		fullPage("abuse-sorting-1366");
		assertThat(order(users)).as("last seen, newest first").containsExactly(recent, old);
		assertThat(browser.findElement(By.cssSelector("#reports th.col-seen")).getAttribute("aria-sort"))
			.isEqualTo("descending");

		browser.findElement(By.id("sort-alerts")).click();
		Eventually.within(Duration.ofSeconds(5), "sorted by alerts",
				() -> browser.getCurrentUrl().contains("sort=alerts"));
		assertThat(browser.getCurrentUrl()).contains("hub=2i2c");
		assertThat(order(users)).as("most alerts first").containsExactly(old, recent);
		assertThat(browser.findElement(By.cssSelector("#reports th.col-count")).getAttribute("aria-sort"))
			.isEqualTo("descending");
		browser.findElement(By.id("sort-alerts")).click();
		Eventually.within(Duration.ofSeconds(5), "fewest alerts first",
				() -> browser.getCurrentUrl().contains("dir=asc"));
		assertThat(order(users)).as("fewest alerts first").containsExactly(recent, old);

		browser.findElement(By.id("sort-severity")).click();
		Eventually.within(Duration.ofSeconds(5), "sorted by severity",
				() -> browser.getCurrentUrl().contains("sort=severity"));
		assertThat(order(users)).as("worst first").containsExactly(old, recent);
		assertThat(browser.findElement(By.id("sort-state")).getText()).contains("State");
		assertThat(browser.findElement(By.id("sort-seen")).getText()).contains("Last seen");
	}

	@Test
	void acknowledgeAndAssignToMeAreOneClickAndSayWhatChanged() throws Exception {
		String tag = Long.toHexString(System.nanoTime());
		String first = "ack" + tag + "@mtu.example";
		String second = "mine" + tag + "@mtu.example";
		alert(first, "UserCpuAtLimitSustained", "warning", Duration.ofMinutes(2));
		alert(second, "UserCpuAtLimitSustained", "warning", Duration.ofMinutes(2));

		signIn("staff");
		browser.get("http://127.0.0.1:" + port + "/abuse?hub=2i2c/mtu");
		browser.findElement(By.xpath("//tr[td[text()='" + first + "']]//a")).click();
		fullPage("abuse-report-actions-1366");
		browser.findElement(By.id("acknowledge")).click();
		Browser.waitForText(browser, By.id("state"), "investigating");
		assertThat(browser.findElement(By.id("assignee")).getText()).contains("Sam Staff");
		WebElement notice = browser.findElement(By.cssSelector("main .alert[role=status]"));
		assertThat(notice.getText()).isEqualTo("Acknowledged: investigating, assigned to you.");
		assertThat(browser.findElements(By.id("acknowledge"))).as("nothing left to acknowledge").isEmpty();

		browser.get("http://127.0.0.1:" + port + "/abuse?hub=2i2c/mtu");
		browser.findElement(By.xpath("//tr[td[text()='" + second + "']]//a")).click();
		browser.findElement(By.id("assign-to-me")).click();
		Browser.waitForText(browser, By.id("assignee"), "Sam Staff");
		assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("open");
		assertThat(browser.findElement(By.cssSelector("main .alert[role=status]")).getText())
			.isEqualTo("Assigned to you.")
			.doesNotContain("Report is now");
		fullPage("abuse-report-assigned-1366");
	}

	@Test
	void thePermalinkCopiesItsAbsoluteAddressAndChartsReadOnAPhone() throws Exception {
		String user = "link" + Long.toHexString(System.nanoTime()) + "@mtu.example";
		alert(user, "UserCpuAtLimitSustained", "warning", Duration.ofMinutes(2));
		signIn("staff");
		browser.get("http://127.0.0.1:" + port + "/abuse?hub=2i2c/mtu");
		browser.findElement(By.xpath("//tr[td[text()='" + user + "']]//a")).click();
		String address = browser.getCurrentUrl();
		browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", "http://127.0.0.1:" + port,
				"permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
		WebElement copy = browser.findElement(By.id("copy-permalink"));
		assertThat(browser.findElement(By.id("permalink")).getAttribute("value")).isEqualTo(address);
		copy.click();
		Browser.waitForText(browser, By.id("copy-permalink"), "Copied");
		Object copied = browser.executeAsyncScript(
				"const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('failed: ' + e))");
		assertThat(copied).isEqualTo(address);

		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
		browser.get("http://127.0.0.1:" + port + "/abuse");
		fullPage("abuse-chart-390");
		@SuppressWarnings("unchecked")
		List<Number> heights = (List<Number>) browser.executeScript(
				"return [...document.querySelectorAll('.chart-box svg.chart text')].map(t => t.getBoundingClientRect().height)");
		assertThat(heights).as("the chart's axis labels").isNotEmpty();
		assertThat(heights).as("axis labels at least 10 px tall on a phone").allMatch(h -> h.doubleValue() >= 10);
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
