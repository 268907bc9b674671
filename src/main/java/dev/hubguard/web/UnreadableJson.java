package dev.hubguard.web;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * What a person reads when Jackson cannot read a JSON body: the field at fault, where
 * Jackson knows it, and what it must be (text, true or false, a whole number, one of a
 * list). Never Jackson's own message, which names Java types; for JSON that is not JSON,
 * an excerpt of the parser's description. Pure: {@link ErrorAdvice} answers with it.
 */
final class UnreadableJson {

	/** The message, and the field it names (null when none is known). */
	record Problem(String message, String field) {
	}

	private UnreadableJson() {
	}

	static Problem describe(JacksonException jackson) {
		String field = path(jackson.getPath());
		if (jackson instanceof InvalidFormatException format && format.getValue() instanceof String text
				&& JsonInput.refusal(text) != null) {
			return new Problem(refusal(field, JsonInput.refusal(text)), field);
		}
		if (jackson instanceof StreamReadException) {
			return new Problem("The request is not valid JSON: " + excerpt(jackson.getOriginalMessage()), null);
		}
		if (field != null && jackson instanceof MismatchedInputException mismatch) {
			return new Problem("'" + field + "' must be " + expected(mismatch.getTargetType()) + ".", field);
		}
		return new Problem("The request could not be read: check its format.", field);
	}

	/**
	 * What a person reads when text they sent cannot be stored: a NUL character, or half
	 * of a UTF-16 surrogate pair.
	 */
	static String refusal(String field, JsonInput.Refusal refusal) {
		String what = field == null ? "The request" : "'" + field + "'";
		return switch (refusal) {
			case NUL -> what + " contains a NUL character, which cannot be stored; remove it and try again.";
			case LONE_SURROGATE -> what + " is not valid Unicode: it holds half of a surrogate pair (a \\uD800–\\uDFFF "
					+ "escape without its partner); send the whole character.";
		};
	}

	/** What a value of this type is, in words: "a whole number", "true or false". */
	static String expected(Class<?> type) {
		if (type == null) {
			return "a value of another kind";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class) {
			return "a whole number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type.isEnum()) {
			return "one of "
					+ Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
		}
		if (type == String.class) {
			return "text";
		}
		return "a value of another kind";
	}

	/** {@code rules[0].reason} from Jackson's path; null when it has none. */
	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? null : path.toString();
	}

	private static String excerpt(String text) {
		if (text == null) {
			return "check its format.";
		}
		String line = text.replaceAll("\\p{Cntrl}", "?");
		return line.length() > 200 ? line.substring(0, 200) + "…" : line;
	}

}
