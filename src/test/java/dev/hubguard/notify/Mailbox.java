package dev.hubguard.notify;

import dev.hubguard.demo.DemoMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** What the demo's (real, embedded) mail server received, for tests. */
final class Mailbox {

	private Mailbox() {
	}

	static List<MimeMessage> all() {
		return Arrays.asList(DemoMail.server().getReceivedMessages());
	}

	static List<MimeMessage> where(Predicate<MimeMessage> test) {
		return all().stream().filter(test).toList();
	}

	static List<MimeMessage> withSubject(String subject) {
		return where(message -> subject.equals(subject(message)));
	}

	static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, null);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<String> to(MimeMessage message) {
		try {
			Address[] to = message.getAllRecipients();
			return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Every text part (plain and HTML), decoded. */
	static String text(MimeMessage message) {
		try {
			return text(message.getContent());
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The content types of the leaf parts. */
	static List<String> partTypes(MimeMessage message) {
		try {
			StringBuilder types = new StringBuilder();
			collectTypes(message.getContent(), types);
			return Arrays.stream(types.toString().split(",")).filter(s -> !s.isBlank()).toList();
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void collectTypes(Object content, StringBuilder types) throws MessagingException, IOException {
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				if (part.getContent() instanceof Multipart) {
					collectTypes(part.getContent(), types);
				}
				else {
					types.append(part.getContentType().split(";")[0].trim().toLowerCase()).append(',');
				}
			}
		}
	}

	private static String text(Object content) throws MessagingException, IOException {
		if (content instanceof Multipart multipart) {
			StringBuilder all = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				all.append(text(multipart.getBodyPart(i).getContent())).append('\n');
			}
			return all.toString();
		}
		return String.valueOf(content);
	}

}
