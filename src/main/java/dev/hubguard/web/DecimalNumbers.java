package dev.hubguard.web;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * How every whole number in a path, query or form is read: ASCII decimal digits with an
 * optional minus sign, nothing else. Spring's own reading also takes {@code 0x1},
 * {@code #1}, {@code +1}, {@code " 1"} and other scripts' digits as 1, so
 * {@code /api/v1/change-requests/0x1} addressed request 1; now any of them is a 400
 * naming the parameter ({@link ErrorAdvice}). An empty value of a {@code Long} or
 * {@code Integer} stays "not given", as before.
 * <p>
 * A property editor rather than a converter: when a converter refuses a value, Spring
 * falls back to its default editors, which read {@code 0x1} again; a custom editor has
 * the last word.
 */
@ControllerAdvice
class DecimalNumbers {

	/** At most 19 digits: past that no {@code long} holds it (and the parse says so). */
	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

	@InitBinder
	void decimalOnly(WebDataBinder binder) {
		binder.registerCustomEditor(long.class, new Decimal(false, false));
		binder.registerCustomEditor(Long.class, new Decimal(false, true));
		binder.registerCustomEditor(int.class, new Decimal(true, false));
		binder.registerCustomEditor(Integer.class, new Decimal(true, true));
	}

	/**
	 * Reads {@code text} as a whole number; throws {@link NumberFormatException}
	 * otherwise.
	 */
	static long parse(String text) {
		if (!DECIMAL.matcher(text).matches()) {
			throw new NumberFormatException("not decimal digits");
		}
		return Long.parseLong(text);
	}

	/** One binder's editor (editors hold the value being converted, so one each). */
	private static final class Decimal extends PropertyEditorSupport {

		private final boolean integer;

		private final boolean allowEmpty;

		Decimal(boolean integer, boolean allowEmpty) {
			this.integer = integer;
			this.allowEmpty = allowEmpty;
		}

		@Override
		public void setAsText(String text) {
			if (text == null || text.isEmpty()) {
				if (!allowEmpty) {
					throw new NumberFormatException("empty");
				}
				setValue(null);
				return;
			}
			long value = parse(text);
			if (integer && value != (int) value) {
				throw new NumberFormatException("out of range");
			}
			setValue(integer ? Integer.valueOf((int) value) : Long.valueOf(value));
		}

		@Override
		public String getAsText() {
			Object value = getValue();
			return value == null ? "" : value.toString();
		}

	}

}
