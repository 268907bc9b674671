package dev.hubguard.demo;

import dev.hubguard.identity.MachineTokenProperties;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.identity.Identity;
import dev.hubguard.identity.PortalAuthentication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In demo mode only: signs the demo users up and writes fresh API tokens for them to
 * {@code target/demo/tokens.env}, for scripting against the API.
 */
@Component
@ConditionalOnProperty(name = "hubguard.demo.active", havingValue = "true")
class DemoTokens {

	private static final Logger log = LoggerFactory.getLogger(DemoTokens.class);

	private static final Map<String, String> VARIABLES = Map.of("staff", "HUBGUARD_TOKEN_STAFF", "admin-a",
			"HUBGUARD_TOKEN_ADMIN_A", "admin-b", "HUBGUARD_TOKEN_ADMIN_B", "nobody", "HUBGUARD_TOKEN_NOBODY");

	private final Accounts accounts;

	private final ApiTokens tokens;

	private final String webhookToken;

	DemoTokens(Accounts accounts, ApiTokens tokens, MachineTokenProperties machineTokens) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.webhookToken = machineTokens.alertmanagerToken();
	}

	@EventListener(ApplicationReadyEvent.class)
	void writeTokens() throws IOException {
		Path dir = DemoRuntime.current().map(DemoRuntime::dir).orElse(Path.of("target/demo"));
		Map<String, String> values = new LinkedHashMap<>();
		for (DemoHubs.DemoUser user : DemoHubs.users()) {
			Identity identity = new Identity(Identity.Provider.CILOGON, "demo-" + user.key(), user.email(),
					user.email(), user.name(), user.idp(), Set.of());
			PortalAuthentication owner = accounts.signedIn(identity);
			values.put(VARIABLES.get(user.key()), tokens.create(owner, "demo script", Duration.ofDays(1)).value());
		}
		values.put("HUBGUARD_ALERTMANAGER_TOKEN", webhookToken);
		StringBuilder env = new StringBuilder("# Fresh demo API tokens, valid for one day; new at every demo start.\n");
		values.forEach((name, value) -> env.append(name).append('=').append(value).append('\n'));
		Files.createDirectories(dir);
		Path file = dir.resolve("tokens.env");
		Files.writeString(file, env);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ignored) {
			// not a POSIX file system
		}
		log.info("demo API tokens written to {}", file.toAbsolutePath());
	}

}
