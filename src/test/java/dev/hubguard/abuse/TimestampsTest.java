package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager's times are read by a short path for their usual shape: every time it
 * reads, and every time it refuses, reads or refuses as the general formatter does.
 */
class TimestampsTest {

	static final List<String> TIMES = List.of("2024-05-02T10:11:12Z", "2024-05-02T10:11:12.1Z",
			"2024-05-02T10:11:12.123456789Z", "2024-05-02T10:11:12.1234567891Z", "2024-05-02T10:11:12.Z",
			"2024-05-02T10:11:12+02:00", "2024-05-02T10:11:12.5-07:30", "2024-05-02T10:11:12-00:00",
			"2024-05-02T10:11:12+18:00", "2024-05-02T10:11:12+18:30", "2024-05-02T10:11:12+19:00",
			"2024-05-02T10:11:12+02:60", "2024-05-02t10:11:12z", "2024-05-02T10:11Z", "2024-02-30T10:11:12Z",
			"2023-02-29T10:11:12Z", "2024-02-29T10:11:12Z", "2024-13-02T10:11:12Z", "2024-05-02T24:00:00Z",
			"2024-05-02T23:59:60Z", "2024-05-02T10:61:12Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
			"2024-05-02 10:11:12Z", "2024-05-02T10:11:12", "2024-05-02T10:11:12+0200", "+2024-05-02T10:11:12Z",
			"2024-05-02T10:11:12.123Z ", "2024-05-02T1a:11:12Z", "2024-05-02T10:11:12+02:00:30",
			"1969-12-31T23:59:59Z");

	@Test
	void theUsualShapeReadsAsTheGeneralFormatterReadsIt() {
		for (String text : TIMES) {
			Optional<Instant> general;
			try {
				general = Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
			}
			catch (DateTimeException ex) {
				general = Optional.empty();
			}
			Optional<Instant> shortPath;
			try {
				shortPath = Optional.ofNullable(Timestamps.common(text));
				if (shortPath.isEmpty()) {
					// Not the usual shape: the formatter decides.
					continue;
				}
			}
			catch (DateTimeException ex) {
				shortPath = Optional.empty();
			}
			assertThat(shortPath).as(text).isEqualTo(general);
		}
	}

	@Test
	void theUsualShapesTakeTheShortPath() {
		assertThat(Timestamps.common("2024-05-02T10:11:12.123456789Z"))
			.isEqualTo(Instant.parse("2024-05-02T10:11:12.123456789Z"));
		assertThat(Timestamps.common("2024-05-02T10:11:12+02:00")).isEqualTo(Instant.parse("2024-05-02T08:11:12Z"));
		assertThat(Timestamps.common("0001-01-01T00:00:00Z")).isEqualTo(Timestamps.GO_ZERO_TIME);
	}

}
