package dev.hubguard.notify;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * {@code HUBGUARD_MAIL_HOST} becomes {@code spring.mail.host} only when it is set: Spring
 * Boot makes a mail sender for any {@code spring.mail.host}, even an empty one, and
 * without a mail server there is no email channel (the portal inbox still works).
 */
class MailEnvironmentPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String host = environment.getProperty("HUBGUARD_MAIL_HOST");
		if (StringUtils.hasText(host) && !StringUtils.hasText(environment.getProperty("spring.mail.host"))) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("hubguardMail", Map.of("spring.mail.host", host.strip())));
		}
	}

}
