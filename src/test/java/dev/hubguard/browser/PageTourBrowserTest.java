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
	@org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
	org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

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

	/** Pages only staff may open: a hub admin is refused (403) there. */
	static final java.util.Set<String> STAFF_ONLY = java.util.Set.of("/staff/isolation", "/staff/notifications");

	/**
	 * Pages whose address alone is not a valid request, with the status they answer:
	 * unsubscribing needs the signed token a message carries.
	 */
	static final Map<String, Integer> WITHOUT_THEIR_PARAMETERS = Map.of("/unsubscribe", 400);

	/** Pages for people not signed in; the signed-in tours skip them. */
	static final java.util.Set<String> SIGNED_OUT = java.util.Set.of("/login", "/signed-out");

	/**
	 * Every page the portal serves, from Spring's own handler mappings (every GET that
	 * renders a template), so that a new page cannot escape the tour.
	 */
	List<String> pages() {
		List<String> pages = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			java.util.Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition()
				.getMethods();
			boolean get = methods.isEmpty()
					|| methods.contains(org.springframework.web.bind.annotation.RequestMethod.GET);
			boolean view = method.getReturnType().getParameterType() == String.class
					&& !method.hasMethodAnnotation(org.springframework.web.bind.annotation.ResponseBody.class)
					&& !org.springframework.core.annotation.AnnotatedElementUtils.hasAnnotation(method.getBeanType(),
							org.springframework.web.bind.annotation.ResponseBody.class);
			if (get && view) {
				info.getPatternValues()
					.stream()
					.filter(p -> !p.startsWith("/api/") && !p.startsWith("/actuator") && !p.startsWith("/error"))
					.forEach(pages::add);
			}
		});
		pages.sort(null);
		assertThat(pages).as("pages found in the handler mappings").contains("/", "/hubs/{cluster}/{hub}", "/audit");
		return pages;
	}

	/** A page's address with the tour's hub, change and report filled in. */
	String address(String pattern) {
		String path = pattern.replace("{cluster}", "2i2c")
			.replace("{hub}", "mtu")
			.replace("{id}", String.valueOf(change))
			.replace("{ref}", report());
		assertThat(path).as("every variable of " + pattern + " has a value in the tour").doesNotContain("{");
		return path;
	}

	static String name(String pattern) {
		String name = pattern.replaceAll("\\{[^}]+}", "x").replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
		return name.isEmpty() ? "dashboard" : name;
	}

	List<Stop> signedInStops(boolean staff) {
		List<Stop> stops = new ArrayList<>();
		for (String pattern : pages()) {
			if (!SIGNED_OUT.contains(pattern)) {
				stops.add(new Stop(name(pattern), address(pattern), WITHOUT_THEIR_PARAMETERS.getOrDefault(pattern,
						staff || !STAFF_ONLY.contains(pattern) ? 200 : 403)));
			}
		}
		return stops;
	}

	@Test
	void staffSeeEveryPageAtBothWidths() throws Exception {
		signIn("staff");
		List<Stop> stops = signedInStops(true);
		stops.addAll(
				List.of(new Stop("error-400", "/audit?hub=mtu", 400), new Stop("error-404", "/hubs/nope/nope", 404)));
		tour("staff", "Sam Staff", stops);
	}

	@Test
	void aHubAdminSeesEveryPageAtBothWidths() throws Exception {
		signIn("admin-a");
		List<Stop> stops = signedInStops(false);
		stops.add(new Stop("other-hub-403", "/hubs/hhmi/spyglass", 403));
		tour("admin", "Ada Admin", stops);
	}

	@Test
	void someoneWithNoHubIsToldWhatTheyMayDoOnEveryPage() throws Exception {
		signIn("nobody");
		List<Stop> stops = new ArrayList<>();
		for (String pattern : pages()) {
			if (!SIGNED_OUT.contains(pattern)) {
				boolean hubPage = pattern.contains("{") || STAFF_ONLY.contains(pattern);
				stops.add(new Stop(name(pattern), address(pattern),
						WITHOUT_THEIR_PARAMETERS.getOrDefault(pattern, hubPage ? -1 : 200)));
			}
		}
		tour("nobody", "Nia Nobody", stops);
	}

	@Test
	void theSignInAndSignedOutPagesFitBothWidths() throws Exception {
		tour("anonymous", null, SIGNED_OUT.stream().sorted().map(p -> new Stop(name(p), p, 200)).toList());
	}

	@Test
	void theFirstTabOffersASkipLinkAndEveryControlShowsAFocusRing() {
		signIn("admin-a");
		width(WIDE);
		browser.get(base() + "/hubs/2i2c/mtu/internet-access");
		org.openqa.selenium.WebElement body = browser.findElement(By.tagName("body"));

		body.sendKeys(org.openqa.selenium.Keys.TAB);
		org.openqa.selenium.WebElement skip = browser.switchTo().activeElement();
		assertThat(skip.getText()).isEqualTo("Skip to content");
		assertThat(number("return document.activeElement.getBoundingClientRect().top")).as("skip link in view")
			.isGreaterThanOrEqualTo(0);
		skip.sendKeys(org.openqa.selenium.Keys.ENTER);
		assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");

		@SuppressWarnings("unchecked")
		List<String> withoutRing = (List<String>) browser.executeScript(String.join("\n",
				"const controls = [...document.querySelectorAll('button, a.button, input[type=submit]')]",
				"  .filter(e => e.offsetParent !== null);",
				"return controls.filter(e => { e.focus(); const s = getComputedStyle(e);",
				"  return s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2; })",
				"  .map(e => e.outerHTML.slice(0, 80));"));
		assertThat(withoutRing).as("controls without a visible focus ring").isEmpty();
	}

	@Test
	void timesAreSentInUtcAndShownInTheViewersZoneWithUtcOnHover() {
		signIn("staff");
		width(WIDE);
		browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/New_York"));
		try {
			browser.get(base() + "/audit?signIns=true");
			assertThat(browser.findElements(By.cssSelector("#audit tbody tr:first-child time"))).as("one time a row")
				.hasSize(1);
			org.openqa.selenium.WebElement first = browser.findElement(By.cssSelector("#audit tbody time.ts"));
			String datetime = first.getAttribute("datetime");
			java.time.Instant at = java.time.Instant.parse(datetime);
			assertThat(datetime).endsWith("Z");
			assertThat(first.getAttribute("title"))
				.isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
					.withZone(java.time.ZoneOffset.UTC)
					.format(at));
			String newYork = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
				.withZone(java.time.ZoneId.of("America/New_York"))
				.format(at);
			assertThat(first.getText()).contains(newYork).containsPattern("EST|EDT|GMT-[45]");
			assertThat(number("return document.querySelector('#audit tbody time.ts').getClientRects().length"))
				.as("a date on one line")
				.isEqualTo(1);

			browser.executeScript(String.join("\n", "const t = document.createElement('time');",
					"t.className = 'ts'; t.id = 'probe'; t.dataset.relative = 'true';",
					"t.setAttribute('datetime', new Date(Date.now() - 180000).toISOString().replace(/\\.\\d+Z$/, 'Z'));",
					"t.textContent = 'x UTC'; document.querySelector('main').append(t); localTimes(document);"));
			assertThat(browser.findElement(By.id("probe")).getText()).isEqualTo("3 minutes ago");
		}
		finally {
			browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
		}
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
				if (stop.status() < 0) {
					softly.assertThat(status()).as(page + ": status").isIn(403, 404);
				}
				else {
					softly.assertThat(status()).as(page + ": status").isEqualTo(stop.status());
				}
				softly.assertThat(seriousAccessibilityViolations())
					.as(page + ": serious or critical axe-core findings")
					.isEmpty();
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

	/**
	 * What axe-core (run in the page) finds of impact serious or critical against WCAG
	 * 2.1 A and AA, one line per rule and element.
	 */
	List<String> seriousAccessibilityViolations() {
		com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
			.withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
			.analyze(browser);
		List<String> found = new ArrayList<>();
		for (com.deque.html.axecore.results.Rule rule : results.getViolations()) {
			if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
				rule.getNodes()
					.forEach(node -> found.add(rule.getId() + " (" + rule.getImpact() + ") at " + node.getTarget()
							+ ": " + node.getFailureSummary()));
			}
		}
		return found;
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
