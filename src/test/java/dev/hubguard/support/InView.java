package dev.hubguard.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a person can see without scrolling: an element between the bottom of the sticky
 * header and the bottom of the window, and which element has focus.
 */
public final class InView {

	private InView() {
	}

	/** The element's box relative to the viewport, and the sticky header's bottom. */
	public record Box(double top, double bottom, double headerBottom, double windowHeight) {

		public boolean visible() {
			return top >= headerBottom - 0.5 && bottom <= windowHeight + 0.5 && bottom > top;
		}

	}

	public static Box box(ChromeDriver driver, By by) {
		WebElement element = driver.findElement(by);
		@SuppressWarnings("unchecked")
		Map<String, Object> box = (Map<String, Object>) driver.executeScript("""
				const r = arguments[0].getBoundingClientRect();
				const h = document.querySelector('.topbar');
				return {top: r.top, bottom: r.bottom, header: h ? h.getBoundingClientRect().bottom : 0,
				        height: window.innerHeight};""", element);
		return new Box(number(box.get("top")), number(box.get("bottom")), number(box.get("header")),
				number(box.get("height")));
	}

	/**
	 * Asserts the element is wholly in the window and not under the sticky header,
	 * waiting (within 5 s) for the page to finish scrolling.
	 */
	public static void assertVisible(ChromeDriver driver, By by) {
		try {
			Eventually.within(java.time.Duration.ofSeconds(5), by + " in view", () -> box(driver, by).visible());
		}
		catch (AssertionError ex) {
			assertThat(box(driver, by)).as(by + " between the sticky header and the bottom of the window")
				.matches(Box::visible);
		}
	}

	/**
	 * Asserts the element with {@code id} has focus, waiting (within 5 s) for the page's
	 * script to have run.
	 */
	public static void assertFocused(ChromeDriver driver, String id) {
		try {
			Eventually.within(java.time.Duration.ofSeconds(5), "focus on " + id, () -> id.equals(focusedId(driver)));
		}
		catch (AssertionError ex) {
			assertThat(focusedId(driver)).as("the element with focus, in %s", driver.executeScript(
					"return (document.activeElement ? document.activeElement.outerHTML.substring(0, 80) : 'none') + ' / ' + (document.getElementById(arguments[0]) || {outerHTML: 'missing'}).outerHTML.substring(0, 300)",
					id))
				.isEqualTo(id);
		}
	}

	/** The id of the element that has focus ("" when none has one). */
	public static String focusedId(ChromeDriver driver) {
		Object id = driver.executeScript("return document.activeElement ? document.activeElement.id : ''");
		return id == null ? "" : id.toString();
	}

	private static double number(Object value) {
		return ((Number) value).doubleValue();
	}

}
