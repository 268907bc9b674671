package dev.hubguard.demo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Decides whether this is demo mode ({@code hubguard.demo.mode}: {@code true},
 * {@code false}, or {@code auto} meaning "when no sign-in provider is configured") and,
 * if so, starts the demo's parts before the application context needs them and points the
 * configuration at them. Demo mode binds to 127.0.0.1 only.
 */
class DemoEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/**
	 * Classes of the demo's own parts; the production jar leaves them out (they are
	 * optional dependencies).
	 */
	static final List<String> DEMO_LIBRARIES = List.of("no.nav.security.mock.oauth2.MockOAuth2Server",
			"io.fabric8.kubernetes.client.server.mock.KubernetesMockServer",
			"io.zonky.test.db.postgres.embedded.EmbeddedPostgres");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!active(environment)) {
			return;
		}
		if (!librariesPresent()) {
			if (explicitlyOn(environment)) {
				throw new DemoUnavailableException("its embedded sign-in provider and in-memory clusters",
						"This is the production build: the demo's libraries are not in it.",
						"Run the demo from the source tree with ./mvnw spring-boot:run, or configure CILogon or GitHub "
								+ "sign-in, a database and a catalogue (see README, Configuration).");
			}
			return;
		}
		Path dir = Path.of(environment.getProperty("hubguard.demo.dir", "target/demo"));
		int oidcPort = environment.getProperty("hubguard.demo.oidc-port", Integer.class, 0);
		DemoRuntime demo = DemoRuntime.startOnce(dir, oidcPort, environment.getProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username"),
				environment.getProperty("spring.datasource.password"));
		Map<String, Object> demoProperties = new HashMap<>();
		demoProperties.put("hubguard.demo.active", "true");
		demoProperties.put("server.address", "127.0.0.1");
		// Without HUBGUARD_PUBLIC_URL, redirects go to 127.0.0.1 and the port a request
		// came in on.
		demoProperties.put("hubguard.public.loopback", "true");
		DemoDatabase.Connection db = demo.database();
		demoProperties.put("spring.datasource.url", db.url());
		demoProperties.put("spring.datasource.username", db.username());
		demoProperties.put("spring.datasource.password", db.password() == null ? "" : db.password());
		String base = demo.signInBaseUrl();
		demoProperties.put("hubguard.identity.cilogon.client-id", "hubguard-demo");
		demoProperties.put("hubguard.identity.cilogon.client-secret", "demo-only");
		demoProperties.put("hubguard.identity.cilogon.issuer", base + "/cilogon");
		demoProperties.put("hubguard.identity.github.client-id", "hubguard-demo");
		demoProperties.put("hubguard.identity.github.client-secret", "demo-only");
		demoProperties.put("hubguard.identity.github.authorization-uri", base + "/github/authorize");
		demoProperties.put("hubguard.identity.github.token-uri", base + "/github/token");
		demoProperties.put("hubguard.identity.github.user-info-uri", base + "/github/userinfo");
		demoProperties.put("hubguard.identity.github.jwk-set-uri", base + "/github/jwks");
		demoProperties.put("hubguard.identity.github.teams-claim", "github_teams");
		// The embedded provider only speaks OIDC, so the demo's GitHub asks for openid
		// too.
		demoProperties.put("hubguard.identity.github.scopes", "openid,read:user,read:org");
		demoProperties.put("hubguard.identity.staff.github-teams", DemoHubs.STAFF_TEAM);
		demoProperties.put("hubguard.identity.staff.cilogon-users", DemoHubs.STAFF_EMAIL);
		if (!StringUtils.hasText(environment.getProperty("hubguard.identity.staff.roster"))) {
			demoProperties.put("hubguard.identity.staff.roster",
					dir.resolve("staff-roster.yaml").toAbsolutePath().toString());
		}
		if (!StringUtils.hasText(environment.getProperty("hubguard.machine-tokens.alertmanager-token"))) {
			demoProperties.put("hubguard.machine-tokens.alertmanager-token", DemoRuntime.webhookToken());
		}
		DemoKek.configure(environment, dir, demoProperties);
		if (!StringUtils.hasText(environment.getProperty("hubguard.prometheus.url"))) {
			// Real usage charts when Prometheus is installed; the report page says how to
			// get them otherwise.
			demo.prometheus().ifPresentOrElse(url -> {
				demoProperties.put("hubguard.prometheus.url", url);
				System.out.printf("Hubguard demo: Prometheus with the demo users' usage on %s%n", url);
			}, () -> System.out.println("Hubguard demo: no usage charts (install Prometheus to get them)"));
		}
		if (!StringUtils.hasText(environment.getProperty("hubguard.isolation.probe.clusters"))) {
			// The demo's probe runner answers for probe pods, so the probe is on in every
			// demo cluster.
			demoProperties.put("hubguard.isolation.probe.clusters", String.join(",", demo.clusters().keySet()));
		}
		if (!StringUtils.hasText(environment.getProperty("spring.mail.host"))
				&& ClassUtils.isPresent(DemoMail.CLASS, DemoEnvironmentPostProcessor.class.getClassLoader())) {
			int smtp = DemoMail.startOnce();
			demoProperties.put("spring.mail.host", "127.0.0.1");
			demoProperties.put("spring.mail.port", String.valueOf(smtp));
			demoProperties.put("spring.mail.properties.mail.smtp.starttls.enable", "false");
			demoProperties.put("spring.mail.properties.mail.smtp.starttls.required", "false");
			System.out.printf(
					"Hubguard demo: mail server on 127.0.0.1:%d; the demo people's inboxes are at /demo/mail%n", smtp);
		}
		demoProperties.put("hubguard.catalogue.path", dir.resolve("clusters.yaml").toAbsolutePath().toString());
		demoProperties.put("hubguard.clusters.kubeconfig", dir.resolve("kubeconfig").toAbsolutePath().toString());
		// Nothing in the demo is worth keeping: a hub removed from its catalogue loses
		// its objects at once.
		demoProperties.put("hubguard.clusters.prune-grace", environment.getProperty("hubguard.demo.prune-grace", "0s"));
		if (environment.getProperty("HUBGUARD_LOG_FORMAT") == null) {
			// People read the demo's log in a terminal: plain text unless JSON is asked
			// for.
			demoProperties.put("logging.structured.format.console", "");
		}
		demoProperties.put("logging.level.io.fabric8.mockwebserver", "warn");
		demoProperties.put("logging.level.no.nav.security", "warn");
		demoProperties.put("logging.level.mockwebserver3", "warn");
		environment.getPropertySources().addFirst(new MapPropertySource("hubguardDemo", demoProperties));
		System.out.printf("%nHubguard demo: sign-in provider %s, %d in-memory clusters, PostgreSQL %s (%s)%n", base,
				demo.clusters().size(), withoutQuery(db.url()), db.origin());
	}

	/** A JDBC URL can carry a password in its query: never print that part. */
	static String withoutQuery(String url) {
		int query = url.indexOf('?');
		return query < 0 ? url : url.substring(0, query) + "?…";
	}

	static boolean librariesPresent() {
		ClassLoader loader = DemoEnvironmentPostProcessor.class.getClassLoader();
		return DEMO_LIBRARIES.stream().allMatch(name -> ClassUtils.isPresent(name, loader));
	}

	private static boolean explicitlyOn(ConfigurableEnvironment environment) {
		return List.of("true", "on", "yes").contains(mode(environment));
	}

	private static String mode(ConfigurableEnvironment environment) {
		return environment.getProperty("hubguard.demo.mode", "auto").trim().toLowerCase(Locale.ROOT);
	}

	static boolean active(ConfigurableEnvironment environment) {
		String mode = mode(environment);
		return switch (mode) {
			case "true", "on", "yes" -> true;
			case "false", "off", "no" -> false;
			// A configured database means a real deployment: never turn it into a demo by
			// accident.
			default -> !StringUtils.hasText(environment.getProperty("hubguard.identity.cilogon.client-id"))
					&& !StringUtils.hasText(environment.getProperty("hubguard.identity.github.client-id"))
					&& !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
		};
	}

}
