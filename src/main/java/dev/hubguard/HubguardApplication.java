package dev.hubguard;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HubguardApplication {

	public static void main(String[] args) {
		SpringApplication.run(HubguardApplication.class, args);
	}

	/** The one clock every feature reads time from (tests may replace it). */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
