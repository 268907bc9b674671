package dev.hubguard.abuse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes SVG markup that pages embed as it is. Text gets in only as an escaped attribute
 * value or text node, so no text (a pod name from an alert, say) can become an element or
 * attribute; text XML cannot hold (control characters, unpaired surrogates) becomes
 * U+FFFD. Names are the caller's constants: elements only of drawing and text, attributes
 * plain names and never an event handler, link or style.
 */
final class SvgWriter {

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

	/** Drawing and text only: nothing that links, loads, styles or scripts. */
	private static final Set<String> ELEMENTS = Set.of("g", "title", "desc", "text", "tspan", "line", "rect", "circle",
			"polyline", "polygon", "path");

	private final StringBuilder out = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\"");

	private final Deque<String> open = new ArrayDeque<>();

	private SvgWriter() {
	}

	/** An {@code <svg>} root in the SVG namespace with these further attributes. */
	static SvgWriter svg(String... attributes) {
		SvgWriter writer = new SvgWriter();
		writer.attributes(attributes).append('>');
		writer.open.push("svg");
		return writer;
	}

	/** Opens an element; attributes are name, value pairs. */
	SvgWriter start(String name, String... attributes) {
		tag(name, attributes).append('>');
		open.push(name);
		return this;
	}

	/** An element without content. */
	SvgWriter empty(String name, String... attributes) {
		tag(name, attributes).append("/>");
		return this;
	}

	/** An element holding only text. */
	SvgWriter element(String name, String text, String... attributes) {
		return start(name, attributes).text(text).end();
	}

	SvgWriter text(String text) {
		escape(text);
		return this;
	}

	/** Closes the innermost open element. */
	SvgWriter end() {
		if (open.isEmpty()) {
			throw new IllegalStateException("no element is open");
		}
		out.append("</").append(open.pop()).append('>');
		return this;
	}

	/** The markup, once every element is closed. */
	String finish() {
		while (!open.isEmpty()) {
			end();
		}
		return out.toString();
	}

	/** A coordinate with one decimal, as the charts write them. */
	static String decimal(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	private StringBuilder tag(String name, String... attributes) {
		if (open.isEmpty()) {
			throw new IllegalStateException("the svg element is closed");
		}
		if (!ELEMENTS.contains(name)) {
			throw new IllegalArgumentException("not a drawing or text element: " + Text.excerpt(name));
		}
		check(attributes);
		out.append('<').append(name);
		return attributes(attributes);
	}

	private StringBuilder attributes(String... attributes) {
		check(attributes);
		for (int i = 0; i < attributes.length; i += 2) {
			out.append(' ').append(attributes[i]).append("=\"");
			escape(attributes[i + 1]);
			out.append('"');
		}
		return out;
	}

	/**
	 * Refuses, before anything is written, attributes that are not plain drawing ones.
	 */
	private static void check(String... attributes) {
		if (attributes.length % 2 != 0) {
			throw new IllegalArgumentException("attributes come as name, value pairs");
		}
		for (int i = 0; i < attributes.length; i += 2) {
			String lower = name(attributes[i]).toLowerCase(Locale.ROOT);
			if (lower.startsWith("on") || lower.equals("xmlns") || lower.equals("href") || lower.equals("style")) {
				throw new IllegalArgumentException("no event handler, link, style or namespace: " + attributes[i]);
			}
		}
	}

	private static String name(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("not an element or attribute name: " + Text.excerpt(name));
		}
		return name;
	}

	/**
	 * Escapes for both text and double-quoted attribute values, keeping line breaks and
	 * tabs (which attribute values would otherwise turn into spaces).
	 */
	private void escape(String text) {
		if (text == null) {
			return;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				case '\t' -> out.append("&#9;");
				case '\n' -> out.append("&#10;");
				case '\r' -> out.append("&#13;");
				default -> {
					if (Character.isHighSurrogate(c) && i + 1 < text.length()
							&& Character.isLowSurrogate(text.charAt(i + 1))) {
						out.append(c).append(text.charAt(++i));
					}
					else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
						out.append('\uFFFD');
					}
					else {
						out.append(c);
					}
				}
			}
		}
	}

}
