package dev.hubguard.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed unsubscribe tokens: who, which kind, which channel, and an HMAC-SHA256 with the
 * configured key ({@code HUBGUARD_NOTIFY_UNSUBSCRIBE_KEY}) or the one kept in the
 * database, so a link works on every replica without signing in, and only for its own
 * kind.
 */
@Component
class UnsubscribeTokens {

	private static final Logger log = LoggerFactory.getLogger(UnsubscribeTokens.class);

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/** What a token stands for. */
	record Subscription(String person, NoticeKind kind, String channel) {
	}

	private final byte[] key;

	/**
	 * Signs with the configured key or, without one, with a key kept in PostgreSQL: made
	 * once by the first replica and read by the others, so links work on every replica
	 * and after restarts.
	 */
	@Autowired
	UnsubscribeTokens(NotifyProperties properties, JdbcClient jdbc) {
		this.key = configured(properties).orElseGet(() -> shared(jdbc));
	}

	/** With a configured key only (tests of the signature). */
	UnsubscribeTokens(NotifyProperties properties) {
		this.key = configured(properties)
			.orElseThrow(() -> new IllegalArgumentException("no hubguard.notify.unsubscribe-key"));
	}

	private static Optional<byte[]> configured(NotifyProperties properties) {
		String configured = properties.unsubscribeKey();
		return configured == null || configured.isBlank() ? Optional.empty()
				: Optional.of(configured.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] shared(JdbcClient jdbc) {
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		jdbc.sql("insert into notify_signing_keys (name, key) values ('unsubscribe', :key) on conflict do nothing")
			.param("key", fresh)
			.update();
		log.info("unsubscribe links are signed with the key kept in the database "
				+ "(set HUBGUARD_NOTIFY_UNSUBSCRIBE_KEY to choose one)");
		return jdbc.sql("select key from notify_signing_keys where name = 'unsubscribe'").query(byte[].class).single();
	}

	String token(Subscription subscription) {
		String payload = ENCODER.encodeToString(subscription.person().getBytes(StandardCharsets.UTF_8)) + "~"
				+ subscription.kind().id() + "~" + subscription.channel();
		return payload + "~" + ENCODER.encodeToString(mac(payload));
	}

	Optional<Subscription> read(String token) {
		if (token == null || token.length() > 1000) {
			return Optional.empty();
		}
		int last = token.lastIndexOf('~');
		if (last < 0) {
			return Optional.empty();
		}
		String payload = token.substring(0, last);
		byte[] signature;
		try {
			signature = DECODER.decode(token.substring(last + 1));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (!MessageDigest.isEqual(mac(payload), signature)) {
			return Optional.empty();
		}
		String[] parts = payload.split("~", -1);
		if (parts.length != 3 || !Preferences.CHANNELS.contains(parts[2])) {
			return Optional.empty();
		}
		String person = new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8);
		return NoticeKind.byId(parts[1]).map(kind -> new Subscription(person, kind, parts[2]));
	}

	private byte[] mac(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
