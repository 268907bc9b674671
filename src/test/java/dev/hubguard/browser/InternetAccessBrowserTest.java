package dev.hubguard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Browser;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.InView;
import dev.hubguard.support.PortalTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A hub admin asks for web-only access in the browser; staff approve it; the verdicts
 * change.
 */
@PortalTest
class InternetAccessBrowserTest {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	ChromeDriver admin;

	ChromeDriver staff;

	@BeforeEach
	void openBrowsers() throws Exception {
		admin = Browser.start(1280, 1400);
		staff = Browser.start(1280, 1000);
	}

	@AfterEach
	void closeBrowsers() {
		admin.quit();
		staff.quit();
	}

	void signIn(ChromeDriver browser, String demoUser) {
		browser.get("http://127.0.0.1:" + port + "/");
		browser.findElement(By.id("signin-cilogon")).click();
		Browser.chooseDemoUser(browser, demoUser, "http://127.0.0.1:" + port + "/");
	}

	String verdict(String probe) {
		return admin.findElement(By.cssSelector("tr[data-probe='" + probe + "'] .badge")).getText();
	}

	/**
	 * Other tests may leave a request of Ada's or Sam's open, and one person keeps one
	 * open.
	 */
	@BeforeEach
	void nobodyHasAnOpenRequest() {
		for (Api who : List.of(
				Api.as(port, accounts, tokens,
						Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth")),
				Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null)))) {
			for (var request : who.get("/api/v1/change-requests?state=pending&limit=200").json()) {
				who.post("/api/v1/change-requests/" + request.get("id").asLong() + "/withdraw", null);
			}
		}
	}

	@Test
	void hubAdminRequestsWebOnlyAndStaffApprovalChangesWhatUsersCanReach() throws Exception {
		signIn(admin, "admin-a");
		admin.get("http://127.0.0.1:" + port + "/hubs/2i2c/mtu/internet-access");
		admin.findElement(By.id("mode-BLOCKED")).click();
		admin.findElement(By.name("justification")).sendKeys("close everything first");
		admin.findElement(By.cssSelector("#access-form button[type=submit]")).click();
		Browser.waitForText(admin, By.cssSelector(".alert-success"), "Applied at once");
		Eventually.within(Duration.ofSeconds(5), "blocked verdicts", () -> {
			admin.navigate().refresh();
			return verdict("public-443").equalsIgnoreCase("blocked");
		});

		admin.findElement(By.id("mode-WEB_ONLY")).click();
		admin.findElement(By.name("justification")).sendKeys("students install packages from PyPI");
		admin.findElement(By.cssSelector("#access-form button[type=submit]")).click();
		assertThat(admin.findElement(By.cssSelector(".alert-success")).getText())
			.contains("waiting for staff approval");
		String requestLink = admin.findElement(By.cssSelector("#requests tbody tr td a")).getAttribute("href");
		Browser.screenshot(admin, "internet-access-requested");

		signIn(staff, "staff");
		staff.findElement(By.linkText("Changes")).click();
		assertThat(staff.findElement(By.id("requests")).getText()).contains("2i2c/mtu");
		Browser.screenshot(staff, "changes-queue");
		staff.get(requestLink);
		staff.findElement(By.id("approve")).click();
		Browser.confirm(staff, "and apply it to 2i2c/mtu?");
		Browser.waitForText(staff, By.id("state"), "approved");

		Eventually.within(Duration.ofSeconds(5), "web-only verdicts", () -> {
			admin.navigate().refresh();
			return verdict("public-443").equalsIgnoreCase("reachable")
					&& verdict("public-22").equalsIgnoreCase("blocked");
		});
		assertThat(admin.findElement(By.id("desired")).getText()).contains("web only");
		Browser.screenshot(admin, "internet-access-applied");
	}

	@Test
	void anApprovedAllowListWithPortsProtocolsAndSeveralEntriesIsShownOnThePage() throws Exception {
		signIn(admin, "admin-a");
		admin.get("http://127.0.0.1:" + port + "/hubs/2i2c/mtu/internet-access");
		admin.findElement(By.id("mode-BLOCKED")).click();
		admin.findElement(By.name("justification")).sendKeys("close everything first");
		admin.findElement(By.cssSelector("#access-form button[type=submit]")).click();
		Browser.waitForText(admin, By.cssSelector(".alert-success"), "Applied at once");

		admin.findElement(By.id("mode-ALLOWLIST")).click();
		admin.findElement(By.name("allowList")).clear();
		admin.findElement(By.name("allowList"))
			.sendKeys("203.0.113.0/24 443/tcp journal mirror\n198.51.100.7 8000-8100/tcp dask dashboards\n"
					+ "8.8.8.0/24 53/any public resolver\n192.0.2.10 9899/sctp telemetry\n"
					+ "2001:db8::/32 all ipv6 lab network");
		admin.findElement(By.name("justification")).sendKeys("journals, dask and the lab only");
		admin.findElement(By.cssSelector("#access-form button[type=submit]")).click();
		Browser.waitForText(admin, By.cssSelector(".alert-success"), "waiting for staff approval");
		String requestLink = admin.findElement(By.cssSelector("#requests tbody tr td a")).getAttribute("href");

		signIn(staff, "staff");
		staff.get(requestLink);
		// The review shows what each proposed entry would let user servers reach.
		assertThat(staff.findElements(By.cssSelector("#preview li.entry"))).hasSize(5);
		assertThat(staff.findElement(By.id("preview")).getText()).contains(
				"reachable: allow-list entry 203.0.113.0/24 443/TCP journal mirror",
				"reachable: allow-list entry 2001:db8::/32 all ports ipv6 lab network");
		Browser.screenshot(staff, "change-review-allow-list");
		staff.findElement(By.id("approve")).click();
		Browser.confirm(staff, "and apply it to 2i2c/mtu?");
		Browser.waitForText(staff, By.id("state"), "approved");
		// Once the cluster runs it, the request says so, with when.
		Eventually.within(Duration.ofSeconds(30), "the request says it is applied", () -> {
			staff.navigate().refresh();
			return staff.findElement(By.id("enforcement")).getText().contains("Applied at");
		});
		assertThat(staff.findElement(By.id("enforcement")).getText()).containsPattern(
				"In force\\. Applied at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC; the cluster runs version \\d+\\.");
		Browser.screenshot(staff, "change-review-applied");

		admin.navigate().refresh();
		String desired = admin.findElement(By.id("desired")).getText();
		assertThat(desired).contains("allow-list of 5 entries")
			.contains("203.0.113.0/24 443/TCP — journal mirror")
			.contains("198.51.100.7/32 8000-8100/TCP — dask dashboards")
			.contains("8.8.8.0/24 53/ANY — public resolver")
			.contains("192.0.2.10/32 9899/SCTP — telemetry")
			.contains("2001:db8::/32 all ports — ipv6 lab network");
		assertThat(admin.findElement(By.name("allowList")).getAttribute("value"))
			.contains("198.51.100.7/32 8000-8100/tcp dask dashboards");
		// One row per entry in what user servers can reach, once the policy is applied.
		Eventually.within(Duration.ofSeconds(30), "the allow-list applied", () -> {
			admin.navigate().refresh();
			return admin.findElement(By.id("effective-table"))
				.getText()
				.contains("Allowed by Hubguard's internet-access rule: 203.0.113.0/24");
		});
		assertThat(admin.findElements(By.cssSelector("#effective-table tr.allow-entry"))).hasSize(5);
		assertThat(admin.findElement(By.cssSelector("tr.allow-entry[data-entry='203.0.113.0/24']")).getText()).contains(
				"203.0.113.0/24 443/TCP journal mirror", "reachable",
				"Allowed by Hubguard's internet-access rule: 203.0.113.0/24, ports 443/TCP");
		Browser.screenshot(admin, "internet-access-allow-list");
		admin.findElement(By.cssSelector("#test-destination input[name=destination]")).sendKeys("203.0.113.7");
		admin.findElement(By.cssSelector("#test-destination button")).click();
		Browser.waitForText(admin, By.id("test-result"), "reachable");
		assertThat(admin.findElement(By.id("test-result")).getText()).contains("203.0.113.7/32 443/TCP",
				"203.0.113.0/24, ports 443/TCP");
		Browser.screenshot(admin, "internet-access-test-destination");
		admin.findElement(By.cssSelector("#test-destination input[name=port]")).clear();
		admin.findElement(By.cssSelector("#test-destination input[name=port]")).sendKeys("22");
		admin.findElement(By.cssSelector("#test-destination button")).click();
		Browser.waitForText(admin, By.id("test-result"), "blocked");
	}

	@Test
	void aBadAllowListLineIsExplainedAndNothingIsFiled() throws Exception {
		signIn(admin, "admin-a");
		admin.get("http://127.0.0.1:" + port + "/hubs/2i2c/mtu/internet-access");
		admin.findElement(By.id("mode-ALLOWLIST")).click();
		admin.findElement(By.name("allowList")).clear();
		admin.findElement(By.name("allowList"))
			.sendKeys("10.0.0.0/33 443/tcp cluster registry\n203.0.113.0/24 443/tcp journal mirror\n"
					+ "198.51.100.0/24 https mirror\n169.254.169.254 80/tcp metadata");
		admin.findElement(By.name("justification")).sendKeys("registry");
		admin.findElement(By.cssSelector("#access-form button[type=submit]")).click();

		Browser.waitForText(admin, By.id("form-error"), "10.0.0.0/33");
		// Every bad line, with its number; the page lands on the error; nothing typed is
		// lost.
		assertThat(admin.findElement(By.id("form-error")).getText())
			.contains("3 lines of the allow-list need fixing", "Line 1: 10.0.0.0/33", "Line 3: ports 'https'",
					"Line 4: 169.254.169.254/32 lies inside")
			.doesNotContain("Line 2");
		assertThat(admin.getCurrentUrl()).endsWith("#form-error");
		assertThat(admin.findElement(By.name("allowList")).getAttribute("value")).contains("10.0.0.0/33",
				"203.0.113.0/24 443/tcp journal mirror", "169.254.169.254 80/tcp metadata");
		assertThat(admin.findElement(By.name("justification")).getAttribute("value")).isEqualTo("registry");
		Browser.screenshot(admin, "internet-access-invalid");
	}

	/** A laptop's and a phone's window: what is "above the fold" on each. */
	static final List<int[]> WINDOWS = List.of(new int[] { 1366, 768 }, new int[] { 390, 844 });

	@Test
	void aBadAllowListLineIsShownBelowTheStickyHeaderWithFocusAndBesideItsField() throws Exception {
		for (int[] size : WINDOWS) {
			ChromeDriver person = Browser.start(size[0], size[1]);
			try {
				signIn(person, "admin-a");
				person.get("http://127.0.0.1:" + port + "/hubs/2i2c/mtu/internet-access");
				person.findElement(By.id("mode-ALLOWLIST")).click();
				person.findElement(By.name("allowList")).clear();
				person.findElement(By.name("allowList"))
					.sendKeys("pypi.org 443/tcp package index\n203.0.113.0/24 443/tcp journal mirror");
				person.findElement(By.name("justification")).sendKeys("packages");
				person.findElement(By.cssSelector("#access-form button[type=submit]")).click();
				Browser.waitForText(person, By.id("form-error"), "pypi.org");

				// The summary has focus and sits below the sticky header, in the window.
				InView.assertVisible(person, By.id("form-error"));
				InView.assertFocused(person, "form-error");
				assertThat(person.findElement(By.id("form-error")).getAttribute("aria-live")).isEqualTo("assertive");
				// In our words to the end, not the address library's.
				assertThat(person.findElement(By.id("form-error")).getText()).contains("Nothing was filed.",
						"Line 1: pypi.org is not a valid CIDR: write an address, like 203.0.113.7 or 203.0.113.0/24: "
								+ "a host name is never looked up")
					.doesNotContain("(");
				Browser.screenshot(person, "internet-access-error-" + size[0]);
				// Beside its field: right above the allow-list, which says it is invalid.
				WebElement field = person.findElement(By.id("allow-list"));
				assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
				assertThat(field.getAttribute("aria-describedby")).isEqualTo("allow-list-error");
				double gap = field.getRect().getY() - (person.findElement(By.id("allow-list-error")).getRect().getY()
						+ person.findElement(By.id("allow-list-error")).getRect().getHeight());
				assertThat(gap).isBetween(0.0, 16.0);
				// The summary's link takes the person to the field.
				person.findElement(By.linkText("Fix the allow-list")).click();
				InView.assertFocused(person, "allow-list");
				InView.assertVisible(person, By.id("allow-list"));
				assertThat(field.getAttribute("value")).contains("pypi.org 443/tcp package index");
			}
			finally {
				person.quit();
			}
		}
	}

	@Test
	void testingADestinationAnswersRightUnderTheFormInTheWindow() throws Exception {
		for (int[] size : WINDOWS) {
			ChromeDriver person = Browser.start(size[0], size[1]);
			try {
				signIn(person, "admin-a");
				person.get("http://127.0.0.1:" + port + "/hubs/2i2c/mtu/internet-access");
				person.findElement(By.cssSelector("#test-destination input[name=destination]")).sendKeys("203.0.113.7");
				person.findElement(By.cssSelector("#test-destination button")).click();
				Browser.waitForText(person, By.id("test-result"), "203.0.113.7/32 443/TCP");
				InView.assertVisible(person, By.id("test-result"));
				InView.assertVisible(person, By.cssSelector("#test-destination button"));
				Browser.screenshot(person, "internet-access-tested-" + size[0]);
			}
			finally {
				person.quit();
			}
		}
	}

	@Test
	void rebasingARequestRecomputesItsHeadlineAndTheReviewShowsRulesAddedAndRemoved() throws Exception {
		Api sam = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Api second = Api.as(port, accounts, tokens, Api.github("second-staff", "hubguard-demo:staff"));
		String palomar = "/api/v1/hubs/cloudbank/palomar/internet-access";
		sam.put(palomar, """
				{"mode":"BLOCKED","justification":"start closed","baseVersion":0}""");
		int base = sam.get(palomar).json().get("desired").get("version").asInt();
		long mine = sam.put(palomar, """
				{"mode":"WEB_ONLY","justification":"packages","baseVersion":%d}""".formatted(base))
			.json()
			.get("id")
			.asLong();
		long theirs = second
			.put(palomar,
					"""
							{"mode":"ALLOWLIST","rules":[{"cidr":"203.0.113.0/24","protocol":"TCP","port":443,"reason":"journal mirror"}],
							 "justification":"the mirror only","baseVersion":%d}"""
						.formatted(base))
			.json()
			.get("id")
			.asLong();
		assertThat(sam.post("/api/v1/change-requests/" + theirs + "/approve", null).status()).isEqualTo(200);

		signIn(staff, "staff");
		staff.get("http://127.0.0.1:" + port + "/changes/" + mine);
		assertThat(staff.findElement(By.cssSelector("p.big")).getText())
			.isEqualTo("blocked (no internet) → web only (80, 443)");
		staff.findElement(By.id("rebase")).click();
		Browser.waitForText(staff, By.cssSelector("p.big"), "allow-list of 1 entry → web only (80, 443)");
		assertThat(staff.findElement(By.id("diff")).getText()).contains("− 203.0.113.0/24 443/TCP journal mirror",
				"+ any public address, 80/TCP, 443/TCP and 443/UDP");
		// The chart's own policy of this hub opens the internet, so SSH stays reachable.
		assertThat(staff.findElement(By.id("preview")).getText()).contains("reachable: A public address on 443 (HTTPS)",
				"reachable: A public address on 22 (SSH)", "blocked: The cloud metadata server");
		// People by display name, with the sign-in id beside it (anyone can choose any
		// display name).
		assertThat(staff.findElement(By.id("asked-by")).getText()).contains("Sam Staff",
				"cilogon:sam@hubguard.example");
		Browser.screenshot(staff, "change-review-diff");
		// The queue groups by hub and says how long each request has waited.
		staff.get("http://127.0.0.1:" + port + "/changes?state=pending");
		assertThat(staff.findElement(By.cssSelector("tr.group-row[data-group='cloudbank/palomar']")).getText())
			.isEqualTo("cloudbank/palomar");
		assertThat(staff.findElement(By.cssSelector("tr[data-request='" + mine + "']")).getText()).contains("waiting");
		Browser.screenshot(staff, "changes-queue-grouped");
	}

}
