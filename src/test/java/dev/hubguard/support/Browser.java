package dev.hubguard.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver (never a downloaded
 * browser). Flags keep it off the network: this machine reaches nothing but loopback.
 */
public final class Browser {

	private Browser() {
	}

	public static ChromeDriver start(int width, int height) throws IOException {
		Path profile = Files.createTempDirectory("hubguard-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("hubguard.chromium", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getProperty("hubguard.chromedriver", "/usr/bin/chromedriver")))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
		return driver;
	}

	/** Accepts the confirmation the page asks for, checking that it says {@code text}. */
	public static void confirm(ChromeDriver driver, String text) {
		org.openqa.selenium.Alert alert = new org.openqa.selenium.support.ui.WebDriverWait(driver,
				Duration.ofSeconds(5))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
		org.assertj.core.api.Assertions.assertThat(alert.getText()).contains(text);
		alert.accept();
	}

	/**
	 * Waits (up to 5 s) until the browser is on a page whose address starts with
	 * {@code prefix}.
	 */
	public static void waitForUrl(ChromeDriver driver, String prefix) {
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(5))
			.withMessage(() -> "waiting to arrive at " + prefix + ", still at " + driver.getCurrentUrl())
			.until(d -> d.getCurrentUrl().startsWith(prefix));
	}

	/**
	 * Clicks a demo person on the sign-in provider's page and waits to be back on the
	 * portal at {@code base}.
	 */
	public static void chooseDemoUser(ChromeDriver driver, String demoUser, String base) {
		driver.findElement(org.openqa.selenium.By.id("demo-user-" + demoUser)).click();
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(5))
			.withMessage(() -> "sign-in did not return to " + base + ", at " + driver.getCurrentUrl())
			.until(d -> d.getCurrentUrl().startsWith(base) && !d.getCurrentUrl().contains("/login/oauth2/")
					&& "complete".equals(driver.executeScript("return document.readyState")));
	}

	/**
	 * Waits (up to 5 s) for an element, on the page a click leads to, to show the text;
	 * case is ignored.
	 */
	public static void waitForText(ChromeDriver driver, org.openqa.selenium.By by, String text) {
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(5))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.withMessage(() -> "waiting for '" + text + "' in " + by)
			.until(d -> {
				try {
					return d.findElement(by).getText().toLowerCase().contains(text.toLowerCase());
				}
				catch (org.openqa.selenium.WebDriverException ex) {
					// The page the click leads to replaced the element between finding it
					// and
					// reading it; Chromium's driver says so in words rather than as a
					// stale
					// element. Look again.
					if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
						return false;
					}
					throw ex;
				}
			});
	}

	/**
	 * Saves what the page looks like to {@code target/screenshots/NAME.png} for people to
	 * look at.
	 */
	public static Path screenshot(ChromeDriver driver, String name) throws IOException {
		Path dir = Path.of("target/screenshots");
		Files.createDirectories(dir);
		Path file = dir.resolve(name + ".png");
		Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		return file;
	}

}
