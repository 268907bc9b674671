package dev.hubguard.demo;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Demo only: the demo people's inboxes, as the demo's mail server received them, newest
 * first, so a newcomer sees the mail that approving a request sends.
 */
@Controller
@ConditionalOnProperty(name = "hubguard.demo.active", havingValue = "true")
class DemoMailController {

	/** One received message as the page shows it (its text part). */
	record MailView(String to, String subject, String messageId, String unsubscribe, String text) {
	}

	@GetMapping("/demo/mail")
	String inboxes(@org.springframework.web.bind.annotation.RequestParam(name = "to", required = false) String person,
			Model model) throws MessagingException, IOException {
		List<MailView> mails = new ArrayList<>();
		if (DemoMail.server() != null) {
			for (MimeMessage message : DemoMail.server().getReceivedMessages()) {
				String to = String.join(", ",
						Arrays.stream(message.getAllRecipients() == null ? new Address[0] : message.getAllRecipients())
							.map(Address::toString)
							.toList());
				mails.add(new MailView(to, message.getSubject(), message.getHeader("Message-ID", null),
						message.getHeader("List-Unsubscribe", null), plainText(message.getContent())));
			}
		}
		// One person's inbox (?to=ada@mtu.example), or everyone's.
		String only = person == null || person.isBlank() ? null : person.strip();
		List<MailView> shown = only == null ? mails
				: mails.stream().filter(mail -> Arrays.asList(mail.to().split(", ")).contains(only)).toList();
		model.addAttribute("mails", shown.reversed().stream().limit(200).toList());
		model.addAttribute("total", shown.size());
		model.addAttribute("to", only);
		return "demo/mail";
	}

	private static String plainText(Object content) throws MessagingException, IOException {
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				if (part.getContent() instanceof Multipart nested) {
					String text = plainText(nested);
					if (text != null) {
						return text;
					}
				}
				else if (part.isMimeType("text/plain")) {
					return String.valueOf(part.getContent());
				}
			}
			return null;
		}
		return String.valueOf(content);
	}

}
