package dev.hubguard.abuse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.abuse.CryptnonoLogParser.Outcome;
import dev.hubguard.abuse.CryptnonoLogParser.ParseResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecwhackerLineTest {

	static final Instant READ_AT = Instant.parse("2024-05-02T12:00:00Z");

	static final String KILLED = """
			{"pid":12345,"cmdline":"/tmp/xmrig -o pool.example:3333","matched":"xmrig","source":"execwhacker.bpf",\
			"labels":{"io.kubernetes.pod.name":"jupyter-alice","io.kubernetes.pod.namespace":"staging",\
			"io.kubernetes.container.name":"notebook"},"image":"quay.io/jupyter/scipy-notebook:2024-01-15",\
			"action":"killed","event":"Killed process","level":"info","timestamp":"2024-05-02T10:11:12.123456Z"}""";

	static ParseResult parse(String line) {
		return CryptnonoLogParser.parse(line.getBytes(UTF_8), "execwhacker", READ_AT);
	}

	static CryptnonoEvent event(String line) {
		ParseResult result = parse(line);
		assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.EVENT);
		return result.event().orElseThrow();
	}

	@Test
	void killLineBecomesEventWithPodContainerAndImage() {
		ParseResult result = parse(KILLED + "\n");

		assertThat(result.outcome()).isEqualTo(Outcome.EVENT);
		assertThat(result.detail()).isNull();
		assertThat(result.event()).contains(new CryptnonoEvent(Instant.parse("2024-05-02T10:11:12.123456Z"), "killed",
				"staging", "jupyter-alice", "notebook", "/tmp/xmrig -o pool.example:3333", "xmrig", 12345L,
				"quay.io/jupyter/scipy-notebook:2024-01-15", "execwhacker", "execwhacker.bpf"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "spared", "missed-kill", "container-lookup-failed" })
	void everyProcessActionBecomesAnEvent(String action) {
		CryptnonoEvent event = event(KILLED.replace("\"action\":\"killed\"", "\"action\":\"" + action + "\""));

		assertThat(event.action()).isEqualTo(action);
		assertThat(event.pod()).isEqualTo("jupyter-alice");
	}

	@Test
	void scanOfExistingProcessesKeepsItsRawSource() {
		CryptnonoEvent event = event(KILLED.replace("execwhacker.bpf", "psutil.process_iter"));

		assertThat(event.source()).isEqualTo("execwhacker");
		assertThat(event.rawSource()).isEqualTo("psutil.process_iter");
	}

	@Test
	void missingLabelsGiveAnEventWithoutPod() {
		CryptnonoEvent event = event("""
				{"pid":77,"cmdline":"xmrig","matched":"xmrig","action":"container-lookup-failed",\
				"timestamp":"2024-05-02T10:11:12Z"}""");

		assertThat(event.namespace()).isNull();
		assertThat(event.pod()).isNull();
		assertThat(event.container()).isNull();
		assertThat(event.image()).isNull();
		assertThat(event.rawSource()).isNull();
		assertThat(event.pid()).isEqualTo(77L);
	}

	@Test
	void labelsOfTheWrongShapeGiveAnEventWithoutPodAndANote() {
		ParseResult result = parse(KILLED.replaceFirst("\"labels\":\\{[^}]*\\}", "\"labels\":[\"x\"]"));

		assertThat(result.event().orElseThrow().pod()).isNull();
		assertThat(result.detail()).contains("labels");
	}

	@Test
	void kubeletTimestampPrefixIsStripped() {
		ParseResult result = parse("2024-05-02T10:11:12.987654321Z " + KILLED);

		assertThat(result.outcome()).isEqualTo(Outcome.EVENT);
		assertThat(result.event().orElseThrow().at()).as("the line's own time wins")
			.isEqualTo(Instant.parse("2024-05-02T10:11:12.123456Z"));
	}

	@Test
	void kubeletTimestampIsUsedWhenTheLineHasNone() {
		CryptnonoEvent event = event("2024-05-02T10:11:13.987654321Z " + KILLED.replace("\"timestamp\"", "\"ts\""));

		assertThat(event.at()).isEqualTo(Instant.parse("2024-05-02T10:11:13.987654321Z"));
	}

	@Test
	void lineWithoutAnyTimeUsesTheFallbackTime() {
		assertThat(event(KILLED.replace("\"timestamp\"", "\"ts\"")).at()).isEqualTo(READ_AT);
	}

	@Test
	void unreadableTimestampFallsBackButStillGivesAnEvent() {
		ParseResult result = parse(KILLED.replace("2024-05-02T10:11:12.123456Z", "yesterday at noon"));

		assertThat(result.outcome()).isEqualTo(Outcome.EVENT);
		assertThat(result.event().orElseThrow().at()).isEqualTo(READ_AT);
		assertThat(result.detail()).contains("timestamp", "yesterday at noon", "fallback");
	}

	@Test
	void timestampWithOffsetOrWithoutZoneIsRead() {
		assertThat(event(KILLED.replace("2024-05-02T10:11:12.123456Z", "2024-05-02T12:11:12.5+02:00")).at())
			.isEqualTo(Instant.parse("2024-05-02T10:11:12.5Z"));
		assertThat(event(KILLED.replace("2024-05-02T10:11:12.123456Z", "2024-05-02 10:11:12")).at())
			.as("no zone is read as UTC")
			.isEqualTo(Instant.parse("2024-05-02T10:11:12Z"));
	}

	@Test
	void pidMayBeANumberOrAString() {
		assertThat(event(KILLED.replace("\"pid\":12345", "\"pid\":\"12345\"")).pid()).isEqualTo(12345L);
		assertThat(event(KILLED).pid()).isEqualTo(12345L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "123456789012345678901234567890", "\"99999999999999999999\"", "-1", "1.5", "\"abc\"",
			"true", "{}", "1e400" })
	void unusablePidBecomesNull(String pid) {
		ParseResult result = parse(KILLED.replace("\"pid\":12345", "\"pid\":" + pid));

		assertThat(result.outcome()).isEqualTo(Outcome.EVENT);
		assertThat(result.event().orElseThrow().pid()).isNull();
		assertThat(result.detail()).contains("pid");
	}

	@Test
	void startupMessageWithoutActionIsIgnored() {
		ParseResult result = parse(
				"""
						{"event":"Watching for processes we don't like...","level":"info","timestamp":"2024-05-02T10:00:00Z"}""");

		assertThat(result.outcome()).isEqualTo(Outcome.IGNORED);
		assertThat(result.event()).isEmpty();
		assertThat(result.detail()).contains("no action");
	}

	@Test
	void debugLineWithoutActionIsIgnored() {
		assertThat(parse("""
				{"pid":99,"cmdline":"ls -la","event":"observed","level":"debug","duration":"0.0000123s"}""").outcome())
			.isEqualTo(Outcome.IGNORED);
	}

	@Test
	void actionsThatAreNotProcessEventsAreIgnored() {
		assertThat(parse("{\"action\":\"summarise-existing-killed\",\"count\":0}").outcome())
			.isEqualTo(Outcome.IGNORED);
		assertThat(parse("{\"action\":42}").outcome()).isEqualTo(Outcome.IGNORED);
		assertThat(parse("[1,2,3]").outcome()).isEqualTo(Outcome.IGNORED);
	}

	@Test
	void unknownFieldsAreIgnored() {
		CryptnonoEvent event = event(KILLED.replace("{\"pid\"", "{\"newField\":{\"deep\":[1,2]},\"pid\""));

		assertThat(event.pod()).isEqualTo("jupyter-alice");
	}

	@Test
	void halfJsonIsMalformed() {
		ParseResult result = parse("{\"pid\":1,\"cmdline\":\"x");

		assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
		assertThat(result.detail()).startsWith("not valid JSON");
	}

	@Test
	void plainTextAndTrailingGarbageAreMalformed() {
		assertThat(parse("2024-05-02 10:00:00,123 Found 12 substrings to check process cmdlines for").outcome())
			.isEqualTo(Outcome.MALFORMED);
		assertThat(parse(KILLED + " trailing").outcome()).isEqualTo(Outcome.MALFORMED);
	}

	@Test
	void nulCharactersInStringsAreReplaced() {
		CryptnonoEvent event = event(KILLED.replace("/tmp/xmrig", "/tmp/xm\\u0000rig"));

		assertThat(event.cmdline()).isEqualTo("/tmp/xm\uFFFDrig -o pool.example:3333");
	}

}
