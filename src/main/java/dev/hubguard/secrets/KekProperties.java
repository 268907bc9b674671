package dev.hubguard.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key-encryption keys come from.
 *
 * @param keks comma-separated {@code id:base64-32-bytes} entries ({@code HUBGUARD_KEKS})
 * @param kekFile a file with one {@code id:base64} per line ({@code HUBGUARD_KEK_FILE})
 * @param kekPrimary the id of the KEK that encrypts; the others only decrypt
 * ({@code HUBGUARD_KEK_PRIMARY})
 */
@ConfigurationProperties("hubguard.secrets")
public record KekProperties(String keks, String kekFile, String kekPrimary) {

	/** Never the key material. */
	@Override
	public String toString() {
		return "KekProperties[keks=" + (keks == null || keks.isBlank() ? "unset" : "(hidden)") + ", kekFile=" + kekFile
				+ ", kekPrimary=" + kekPrimary + "]";
	}

}
