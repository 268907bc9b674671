package dev.hubguard.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP ({@code spring.mail.*}, or {@code HUBGUARD_MAIL_*}): a text and an HTML
 * part, our own {@code Message-ID}, and RFC 8058 one-click unsubscribe headers.
 */
@Component
class EmailChannel implements Channel {

	private final ObjectProvider<JavaMailSender> mail;

	private final NotifyProperties properties;

	EmailChannel(ObjectProvider<JavaMailSender> mail, NotifyProperties properties) {
		this.mail = mail;
		this.properties = properties;
	}

	@Override
	public String id() {
		return "email";
	}

	@Override
	public boolean available() {
		return mail.getIfAvailable() != null;
	}

	@Override
	public void send(Outgoing message) throws DeliveryException {
		JavaMailSender sender = mail.getObject();
		try {
			MimeMessage mime = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
			helper.setFrom(properties.from());
			helper.setTo(message.address());
			helper.setSubject(message.subject());
			helper.setText(message.text(), message.html());
			// JavaMailSenderImpl keeps a Message-ID that is set before sending.
			mime.setHeader("Message-ID", message.messageId());
			mime.setHeader("Auto-Submitted", "auto-generated");
			if (message.unsubscribe() != null) {
				mime.setHeader("List-Unsubscribe", "<" + message.unsubscribe() + ">");
				mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			}
			sender.send(mime);
		}
		catch (MessagingException | MailException ex) {
			throw new DeliveryException("the mail server did not take it: " + rootCause(ex), ex);
		}
	}

	private static String rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
	}

}
