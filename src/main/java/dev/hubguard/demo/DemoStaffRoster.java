package dev.hubguard.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the demo's staff roster: Sam Staff, once, with both of his sign-ins, so that he
 * cannot approve his own request from the other one.
 */
final class DemoStaffRoster {

	private DemoStaffRoster() {
	}

	static Path write(Path dir) {
		DemoHubs.DemoUser sam = DemoHubs.users()
			.stream()
			.filter(user -> user.key().equals("staff"))
			.findFirst()
			.orElseThrow();
		String yaml = """
				# Written by Hubguard's demo mode; regenerated at every demo start.
				staff:
				  - person: sam
				    name: %s
				    cilogon: ["%s", "demo-%s"]
				    github: ["%s", "%d"]
				""".formatted(sam.name(), sam.email(), sam.key(), sam.login(), Math.abs(sam.login().hashCode()));
		Path file = dir.resolve("staff-roster.yaml");
		try {
			Files.createDirectories(dir);
			Files.writeString(file, yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

}
