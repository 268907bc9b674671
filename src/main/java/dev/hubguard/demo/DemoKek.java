package dev.hubguard.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * The demo's own key-encryption key for secrets, unless one is configured: made once with
 * 32 random bytes and kept in the demo directory (so the demo database's secrets still
 * decrypt at the next start).
 */
final class DemoKek {

	static final String ID = "demo";

	private DemoKek() {
	}

	static void configure(ConfigurableEnvironment environment, Path dir, Map<String, Object> properties) {
		if (StringUtils.hasText(environment.getProperty("hubguard.secrets.keks"))
				|| StringUtils.hasText(environment.getProperty("hubguard.secrets.kek-file"))) {
			return;
		}
		Path file = dir.resolve("kek");
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(dir);
				byte[] key = new byte[32];
				new SecureRandom().nextBytes(key);
				Files.writeString(file, ID + ":" + Base64.getEncoder().encodeToString(key) + "\n");
				try {
					Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
				}
				catch (UnsupportedOperationException ex) {
					// Not a POSIX file system: the demo's key stays readable by others.
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the demo's KEK to " + file, ex);
		}
		properties.put("hubguard.secrets.kek-file", file.toAbsolutePath().toString());
		properties.put("hubguard.secrets.kek-primary", ID);
	}

}
