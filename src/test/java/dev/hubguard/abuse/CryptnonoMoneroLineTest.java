package dev.hubguard.abuse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.abuse.CryptnonoLogParser.Outcome;
import dev.hubguard.abuse.CryptnonoLogParser.ParseResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CryptnonoMoneroLineTest {

	static final Instant READ_AT = Instant.parse("2024-05-02T12:00:00Z");

	static final String KILLED = "[2024-05-02 10:11:12] killed pid:4242 fpcr:0 cmd:./xmrig --donate-level 1";

	static ParseResult parse(String line) {
		return CryptnonoLogParser.parse(line.getBytes(UTF_8), "monero", READ_AT);
	}

	static CryptnonoEvent event(String line) {
		ParseResult result = parse(line);
		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.EVENT);
		return result.event().orElseThrow();
	}

	@Test
	void killLineBecomesKilledEventWithoutPod() {
		ParseResult result = parse(KILLED + "\n");

		assertThat(result.detail()).isNull();
		assertThat(result.event()).contains(new CryptnonoEvent(Instant.parse("2024-05-02T10:11:12Z"), "killed", null,
				null, null, "./xmrig --donate-level 1", null, 4242L, null, "monero", null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2024-05-02T10:11:12", "2024-05-02T10:11:12Z", "2024-05-02T10:11:12+0000",
			"2024-05-02T12:11:12+02:00", "2024-05-02 10:11:12.000", "2024-05-02T10:11:12.000000000Z" })
	void timeIsReadInTheShapesBpftraceAndOthersWrite(String time) {
		assertThat(event(KILLED.replace("2024-05-02 10:11:12", time)).at())
			.isEqualTo(Instant.parse("2024-05-02T10:11:12Z"));
	}

	@Test
	void fractionalSecondsAreKept() {
		assertThat(event(KILLED.replace("2024-05-02 10:11:12", "2024-05-02T10:11:12.25Z")).at())
			.isEqualTo(Instant.parse("2024-05-02T10:11:12.25Z"));
	}

	@Test
	void unreadableTimeFallsBackAndSaysSo() {
		ParseResult result = parse(KILLED.replace("2024-05-02 10:11:12", "1714644672"));

		assertThat(result.event().orElseThrow().at()).isEqualTo(READ_AT);
		assertThat(result.detail()).contains("'1714644672'", "fallback");
	}

	@Test
	void kubeletTimestampPrefixIsStrippedAndUsedWhenTheTimeIsUnreadable() {
		CryptnonoEvent event = event("2024-05-02T10:11:13.5Z " + KILLED.replace("2024-05-02 10:11:12", "??"));

		assertThat(event.at()).isEqualTo(Instant.parse("2024-05-02T10:11:13.5Z"));
		assertThat(event.pid()).isEqualTo(4242L);
	}

	@Test
	void commandMayBeMissingOrMentionPid() {
		assertThat(event("[2024-05-02 10:11:12] killed pid:4242 fpcr:1 cmd:").cmdline()).isNull();
		assertThat(event("[2024-05-02 10:11:12] killed pid:4242 fpcr:1").cmdline()).isNull();
		CryptnonoEvent tricky = event("[2024-05-02 10:11:12] killed pid:7 fpcr:1 cmd:sh -c 'echo pid:8 cmd:x'");
		assertThat(tricky.pid()).isEqualTo(7L);
		assertThat(tricky.cmdline()).isEqualTo("sh -c 'echo pid:8 cmd:x'");
	}

	@Test
	void unreadablePidGivesEventWithoutPid() {
		ParseResult result = parse("[2024-05-02 10:11:12] killed pid:99999999999999999999 fpcr:1 cmd:xmrig");

		assertThat(result.event().orElseThrow().pid()).isNull();
		assertThat(result.detail()).contains("pid");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Running /scripts/monero-v2.bt", "Attaching 1 probe...", "killed pid:1 cmd:x",
			"[2024-05-02 10:11:12] spared pid:1", "[2024-05-02 10:11:12] killedpid:1", "./xmrig --donate-level 1",
			"{\"action\":\"killed\"}" })
	void otherTextLinesAreIgnored(String line) {
		assertThat(parse(line).outcome()).isEqualTo(Outcome.IGNORED);
	}

}
