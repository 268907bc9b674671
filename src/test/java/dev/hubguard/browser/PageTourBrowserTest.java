package dev.hubguard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Browser;
import dev.hubguard.support.PortalTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tour of every page the portal serves, as staff, as a hub admin and signed out, at
 * 1366 px and at 390 px: each answers with the expected status, keeps the layout and the
 * person's name, never scrolls sideways, keeps its tables' key column in view and, on a
 * phone, its banner and navigation to two lines. A full-page screenshot of each is
 * written to {@code target/screenshots/tour-<who>-<page>-<width>.png}. One browser for
 * the whole tour.
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageTourBrowserTest {

	static final int WIDE = 1366;

	static final int PHONE = 390;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	ChromeDriver browser;

	/** A change request of Ada's, pending while the tour looks at it. */
	long change;

	Api ada;

	/**
	 * A page of the tour: its name in file names, its address and the status it answers.
	 */
	record Stop(String name, String path, int status) {
	}

	@BeforeAll
	void open() throws Exception {
		browser = Browser.start(WIDE, 900);
		ada = Api.as(port, accounts, tokens, Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		int version = jdbc.sql("select coalesce(max(version), 0) from egress_versions where hub = '2i2c/mtu'")
			.query(Integer.class)
			.single();
		Api.Response requested = ada.put("/api/v1/hubs/2i2c/mtu/internet-access",
				"{\"mode\":\"OPEN\",\"allowPrivate\":true,\"justification\":\"Our lab's data server is on a private address\","
						+ "\"baseVersion\":" + version + "}");
		assertThat(requested.status()).as(requested.body()).isIn(200, 201, 202);
		change = jdbc.sql(
				"select max(id) from change_requests where state = 'PENDING' and hub = '2i2c/mtu' and requested_by like '%ada%'")
			.query(Long.class)
			.single();
	}

	@AfterAll
	void close() {
		try {
			ada.post("/api/v1/change-requests/" + change + "/withdraw", "{}");
		}
		finally {
			browser.quit();
		}
	}

	@BeforeEach
	void signOut() {
		browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	String report() {
		return jdbc.sql("select ref from abuse_reports where hub = '2i2c/mtu' order by id desc limit 1")
			.query(String.class)
			.single();
	}

	void signIn(String demoUser) {
		browser.get(base() + "/");
		browser.findElement(By.id("signin-cilogon")).click();
		Browser.chooseDemoUser(browser, demoUser, base() + "/");
	}

	@Test
	void staffSeeEveryPageAtBothWidths() throws Exception {
		signIn("staff");
		tour("staff", "Sam Staff", List.of(new Stop("dashboard", "/", 200), new Stop("hub", "/hubs/2i2c/mtu", 200),
				new Stop("internet-access", "/hubs/2i2c/mtu/internet-access", 200),
				new Stop("secrets", "/hubs/2i2c/mtu/secrets", 200),
				new Stop("isolation", "/hubs/2i2c/mtu/isolation", 200),
				new Stop("isolation-matrix", "/staff/isolation", 200), new Stop("changes", "/changes", 200),
				new Stop("change", "/changes/" + change, 200), new Stop("abuse", "/abuse", 200),
				new Stop("hub-abuse", "/hubs/2i2c/mtu/abuse", 200), new Stop("abuse-report", "/abuse/" + report(), 200),
				new Stop("security-concern", "/security-concern", 200), new Stop("audit", "/audit", 200),
				new Stop("tokens", "/tokens", 200), new Stop("notifications", "/notifications", 200),
				new Stop("notification-settings", "/notifications/preferences", 200),
				new Stop("failing-notifications", "/staff/notifications?hub=2i2c%2Fmtu", 200),
				new Stop("demo-inboxes", "/demo/mail", 200), new Stop("error-400", "/audit?hub=mtu", 400),
				new Stop("error-404", "/hubs/nope/nope", 404)));
	}

	@Test
	void aHubAdminSeesEveryPageAtBothWidths() throws Exception {
		signIn("admin-a");
		tour("admin", "Ada Admin", List.of(new Stop("dashboard", "/", 200), new Stop("hub", "/hubs/2i2c/mtu", 200),
				new Stop("internet-access", "/hubs/2i2c/mtu/internet-access", 200),
				new Stop("secrets", "/hubs/2i2c/mtu/secrets", 200),
				new Stop("isolation", "/hubs/2i2c/mtu/isolation", 200), new Stop("changes", "/changes", 200),
				new Stop("change", "/changes/" + change, 200), new Stop("abuse", "/abuse", 200),
				new Stop("hub-abuse", "/hubs/2i2c/mtu/abuse", 200), new Stop("abuse-report", "/abuse/" + report(), 200),
				new Stop("security-concern", "/security-concern", 200), new Stop("audit", "/audit", 200),
				new Stop("tokens", "/tokens", 200), new Stop("notifications", "/notifications", 200),
				new Stop("notification-settings", "/notifications/preferences", 200),
				new Stop("error-403", "/staff/isolation", 403), new Stop("other-hub-403", "/hubs/hhmi/spyglass", 403)));
	}

	@Test
	void theSignInAndSignedOutPagesFitBothWidths() throws Exception {
		tour("anonymous", null,
				List.of(new Stop("sign-in", "/login", 200), new Stop("signed-out", "/signed-out", 200)));
	}

	@Test
	void aHubThatDoesNotExistIsA404ForStaffWithTheLayoutAndTheirName() {
		signIn("staff");
		width(WIDE);
		browser.get(base() + "/hubs/nope/nope");
		assertThat(status()).isEqualTo(404);
		assertThat(browser.findElement(By.cssSelector(".error-code")).getText()).isEqualTo("404");
		assertThat(browser.findElement(By.cssSelector("header.topbar .brand")).getText()).contains("Hubguard");
		assertThat(browser.findElement(By.cssSelector("header.topbar .who")).getText()).contains("Sam Staff");
		assertThat(browser.findElements(By.cssSelector("form[action='/logout'] button"))).hasSize(1);
	}

	/**
	 * Visits every stop at each width, checks it and saves its screenshot; reports every
	 * problem at once.
	 */
	void tour(String who, String name, List<Stop> stops) throws IOException {
		SoftAssertions softly = new SoftAssertions();
		for (int width : List.of(WIDE, PHONE)) {
			width(width);
			for (Stop stop : stops) {
				browser.get(base() + stop.path());
				String page = who + " " + stop.path() + " at " + width + " px";
				softly.assertThat(status()).as(page + ": status").isEqualTo(stop.status());
				softly.assertThat(browser.findElements(By.cssSelector("header.topbar nav.nav .brand")))
					.as(page + ": the layout's header")
					.hasSize(1);
				if (name != null) {
					softly.assertThat(browser.findElement(By.cssSelector("header.topbar .who")).getText())
						.as(page + ": the person's name")
						.contains(name);
				}
				// The window less any scroll bar: stricter than innerWidth at 1366 px.
				softly
					.assertThat(number(
							"return document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"))
					.as(page + ": scrolls sideways by")
					.isLessThanOrEqualTo(0);
				softly.assertThat(hiddenKeyCells()).as(page + ": key cells out of view").isEmpty();
				softly.assertThat(tablesOutOfTheirBox()).as(page + ": tables wider than their box").isEmpty();
				if (width == PHONE) {
					softly.assertThat(navigationLines()).as(page + ": lines of navigation").isLessThanOrEqualTo(2);
					softly.assertThat(bannerLines()).as(page + ": lines of the demo banner").isLessThanOrEqualTo(1);
				}
				fullPageScreenshot("tour-" + who + "-" + stop.name() + "-" + width);
			}
		}
		softly.assertAll();
	}

	void width(int width) {
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height",
				width == PHONE ? 844 : 900, "deviceScaleFactor", 1, "mobile", width == PHONE));
	}

	/** The HTTP status of the page the browser shows. */
	int status() {
		return number("return performance.getEntriesByType('navigation')[0].responseStatus");
	}

	int number(String script) {
		return ((Number) browser.executeScript(script)).intValue();
	}

	/**
	 * The navigation's height over the height of one line of it: its content box divided
	 * by its tallest item, allowing for the gap between rows.
	 */
	int navigationLines() {
		return number(String.join("\n", "const nav = document.querySelector('nav.nav');",
				"const style = getComputedStyle(nav);",
				"const inner = nav.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);",
				"const gap = parseFloat(style.rowGap) || 0;",
				"const line = Math.max(...[...nav.children].filter(e => e.offsetParent !== null)",
				"  .map(e => e.getBoundingClientRect().height));", "return Math.round((inner + gap) / (line + gap));"));
	}

	/** Lines the demo banner takes (0 without one). */
	int bannerLines() {
		return number(String.join("\n", "const banner = document.querySelector('.demo-banner');",
				"if (!banner) return 0;", "const style = getComputedStyle(banner);",
				"const inner = banner.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);",
				"return Math.round(inner / parseFloat(style.lineHeight));"));
	}

	/**
	 * Rows whose first cell (the key column) is not wholly in view: tables must fit or
	 * stack their rows, or scroll inside a box of their own with the key column first.
	 */
	@SuppressWarnings("unchecked")
	List<String> hiddenKeyCells() {
		return new ArrayList<>((List<String>) browser.executeScript(String.join("\n",
				"return [...document.querySelectorAll('main table')].filter(t => t.offsetParent !== null)",
				"  .flatMap(t => [...t.querySelectorAll('tbody tr')].filter(r => r.offsetParent !== null && r.cells.length)",
				"    .map(r => [t, r.cells[0], r.cells[0].getBoundingClientRect()]))",
				"  .filter(([t, c, b]) => b.width < 4 || b.left < -1 || b.right > innerWidth + 1)",
				"  .map(([t, c, b]) => (t.id || t.className) + ': \"' + c.textContent.trim().slice(0, 30) + '\" at '",
				"    + Math.round(b.left) + '..' + Math.round(b.right));")));
	}

	/**
	 * Tables that stick out of the card they sit in: only a box that scrolls sideways of
	 * its own (the isolation matrix) may hold a wider one.
	 */
	@SuppressWarnings("unchecked")
	List<String> tablesOutOfTheirBox() {
		return new ArrayList<>((List<String>) browser.executeScript(String.join("\n",
				"const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {",
				"  if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true; } return false; };",
				"return [...document.querySelectorAll('main table')].filter(t => t.offsetParent !== null && !scrolls(t))",
				"  .map(t => [t, t.parentElement]).map(([t, box]) => [t, t.getBoundingClientRect().right,",
				"    box.getBoundingClientRect().right - parseFloat(getComputedStyle(box).paddingRight)])",
				"  .filter(([t, right, inner]) => right > inner + 1)",
				"  .map(([t, right, inner]) => (t.id || t.className) + ' ends at ' + Math.round(right) + ', its box at ' + Math.round(inner));")));
	}

	/** The whole page, not only what fits the window. */
	void fullPageScreenshot(String name) throws IOException {
		Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true));
		Path dir = Path.of("target/screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
	}

}
