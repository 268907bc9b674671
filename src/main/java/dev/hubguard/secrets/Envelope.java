package dev.hubguard.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM envelope encryption with the JDK's provider: a fresh data key per sealed
 * value encrypts it, and the KEK wraps (encrypts) the data key. Both encryptions bind the
 * same associated data (where the value belongs: for a secret in the current format its
 * hub, name, value version and delivery), so a ciphertext moved to another row, or left
 * on a row whose delivery changed, fails to open. Each output is a 12-byte random nonce
 * followed by the GCM ciphertext and its 128-bit tag.
 */
final class Envelope {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int NONCE = 12;

	private Envelope() {
	}

	/** A sealed value: the id of the KEK that wrapped its data key, and the two parts. */
	record Sealed(String kekId, byte[] wrappedKey, byte[] ciphertext) {
	}

	/**
	 * The format new secrets are sealed in. Format 1 bound hub, name and value version;
	 * format 2 binds the delivery too. Format 1 is still opened until a re-wrap re-seals
	 * it.
	 */
	static final int SECRET_FORMAT = 2;

	/** Where a value lives, as its format binds it into its ciphertext. */
	static byte[] secretContext(int format, String hub, String name, int valueVersion, Delivery delivery) {
		String context = switch (format) {
			case 1 -> "hubguard/secret/v1\n" + hub + "\n" + name + "\n" + valueVersion;
			case 2 -> "hubguard/secret/v2\n" + hub + "\n" + name + "\n" + valueVersion + "\n" + delivery.name();
			default -> throw new UndecryptableException(
					"a value is sealed in format " + format + ", which this version of Hubguard does not know");
		};
		return context.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] pendingContext(String id, String hub, String name) {
		return ("hubguard/pending/v1\n" + id + "\n" + hub + "\n" + name).getBytes(StandardCharsets.UTF_8);
	}

	static Sealed seal(KeyRing ring, byte[] plaintext, byte[] context) {
		try {
			KeyGenerator generator = KeyGenerator.getInstance("AES");
			generator.init(256, RANDOM);
			SecretKey dataKey = generator.generateKey();
			byte[] raw = dataKey.getEncoded();
			try {
				return new Sealed(ring.primaryId(), encrypt(ring.primaryKey(), raw, context),
						encrypt(dataKey, plaintext, context));
			}
			finally {
				Arrays.fill(raw, (byte) 0);
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is unavailable in this JDK", ex);
		}
	}

	static byte[] open(KeyRing ring, Sealed sealed, byte[] context) {
		byte[] raw = unwrap(ring, sealed, context);
		try {
			return decrypt(new SecretKeySpec(raw, "AES"), sealed.ciphertext(), context);
		}
		finally {
			Arrays.fill(raw, (byte) 0);
		}
	}

	/**
	 * The same value sealed anew under the primary KEK and another associated data (a
	 * newer format, another delivery): a fresh data key, the plaintext wiped after.
	 */
	static Sealed reseal(KeyRing ring, Sealed sealed, byte[] from, byte[] to) {
		byte[] plaintext = open(ring, sealed, from);
		try {
			return seal(ring, plaintext, to);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	/**
	 * The same value under the primary KEK: only the data key is unwrapped and wrapped
	 * again.
	 */
	static Sealed rewrap(KeyRing ring, Sealed sealed, byte[] context) {
		byte[] raw = unwrap(ring, sealed, context);
		try {
			return new Sealed(ring.primaryId(), encrypt(ring.primaryKey(), raw, context), sealed.ciphertext());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is unavailable in this JDK", ex);
		}
		finally {
			Arrays.fill(raw, (byte) 0);
		}
	}

	private static byte[] unwrap(KeyRing ring, Sealed sealed, byte[] context) {
		return decrypt(ring.key(sealed.kekId()), sealed.wrappedKey(), context);
	}

	private static byte[] encrypt(SecretKey key, byte[] plaintext, byte[] context) throws GeneralSecurityException {
		byte[] nonce = new byte[NONCE];
		RANDOM.nextBytes(nonce);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
		cipher.updateAAD(context);
		byte[] body = cipher.doFinal(plaintext);
		return ByteBuffer.allocate(NONCE + body.length).put(nonce).put(body).array();
	}

	private static byte[] decrypt(SecretKey key, byte[] sealed, byte[] context) {
		try {
			if (sealed.length < NONCE + 16) {
				throw new UndecryptableException("a ciphertext is truncated");
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE));
			cipher.updateAAD(context);
			return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
		}
		catch (javax.crypto.AEADBadTagException ex) {
			throw new UndecryptableException(
					"a ciphertext failed authentication: a wrong KEK, or data that does not belong to this row");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is unavailable in this JDK", ex);
		}
	}

}
