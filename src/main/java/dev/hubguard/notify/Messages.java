package dev.hubguard.notify;

import dev.hubguard.identity.PublicUrl;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes messages: plain words, a link to the page, a text and an HTML part (the template
 * engine escapes the HTML), a subject without line breaks, a stable {@code Message-ID},
 * and for chat the text with {@code &}, {@code <} and {@code >} escaped.
 */
@Component
class Messages {

	private final ITemplateEngine templates;

	private final URI base;

	private final UnsubscribeTokens tokens;

	Messages(ITemplateEngine templates, PublicUrl publicUrl, UnsubscribeTokens tokens,
			@Value("${server.port:8080}") int port) {
		this.templates = templates;
		this.tokens = tokens;
		this.base = publicUrl.configured().orElse(URI.create("http://127.0.0.1:" + (port == 0 ? 8080 : port)));
	}

	String link(String path) {
		String root = base.toString();
		return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path;
	}

	/**
	 * An email: one notice, or a digest of several; {@code kind} and {@code person} name
	 * what the unsubscribe link stops (null: none).
	 */
	Outgoing email(String address, String messageId, List<Outgoing.Item> items, NoticeKind kind, String person) {
		String subject = subject(items.size() == 1 ? items.get(0).title()
				: items.size() + " notifications from Hubguard (" + kind.label().toLowerCase(Locale.ROOT) + ")");
		String unsubscribe = person == null ? null
				: link("/unsubscribe?token=" + tokens.token(new UnsubscribeTokens.Subscription(person, kind, "email")));
		StringBuilder text = new StringBuilder();
		for (Outgoing.Item item : items) {
			text.append(item.title()).append("\n\n").append(item.body()).append("\n\nOpen it: ").append(item.link());
			text.append("\n\n");
		}
		if (unsubscribe != null) {
			text.append("-- \nYou get this because of your Hubguard notification settings (")
				.append(kind.label())
				.append(").\nStop these emails: ")
				.append(unsubscribe)
				.append("\nChoose what you get: ")
				.append(link("/notifications/preferences"))
				.append('\n');
		}
		Context context = new Context(Locale.ENGLISH);
		context.setVariable("subject", subject);
		context.setVariable("items", items);
		context.setVariable("kindLabel", kind.label());
		context.setVariable("unsubscribe", unsubscribe);
		context.setVariable("preferences", link("/notifications/preferences"));
		String html = templates.process("notify/email", context);
		return new Outgoing(address, messageId, subject, text.toString(), html, unsubscribe, items);
	}

	/** A chat message: Slack's {@code {"text": …}}, outside text escaped. */
	Outgoing chat(String key, String messageId, List<Outgoing.Item> items) {
		StringBuilder text = new StringBuilder();
		for (Outgoing.Item item : items) {
			text.append('*')
				.append(escapeChat(oneLine(item.title())))
				.append("*\n")
				.append(escapeChat(item.body()))
				.append('\n')
				.append(escapeChat(item.link()))
				.append('\n');
		}
		return new Outgoing(key, messageId, subject(items.get(0).title()), text.toString().strip(), null, null, items);
	}

	/** A subject: one line, no control characters, at most 200 characters. */
	static String subject(String title) {
		String line = oneLine(title);
		return line.length() > 200 ? line.substring(0, 199) + "…" : line;
	}

	static String oneLine(String text) {
		return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").strip();
	}

	/** Slack's (and Mattermost's) escaping: no {@code <!channel>}, no hidden links. */
	static String escapeChat(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * {@code <n42.email.3f2a…@host>}: the same for a retry, a restart or another replica.
	 */
	String messageId(String prefix, long id, String recipient, String channel) {
		String host = base.getHost() == null ? "hubguard.invalid" : base.getHost();
		return "<" + prefix + id + "." + channel + "." + hash(recipient) + "@" + host + ">";
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
