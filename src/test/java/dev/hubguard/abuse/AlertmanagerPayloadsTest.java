package dev.hubguard.abuse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class AlertmanagerPayloadsTest {

	static final String FIRING = """
			{
			  "status": "firing",
			  "labels": {"alertname": "CryptnonoKilledProcess", "namespace": "staging", "pod": "jupyter-alice",
			             "cluster": "2i2c", "severity": "warning"},
			  "annotations": {"summary": "cryptnono killed a process in jupyter-alice",
			                  "runbook_url": "https://runbooks.example/cryptnono"},
			  "startsAt": "2024-05-02T10:11:12.123Z",
			  "endsAt": "0001-01-01T00:00:00Z",
			  "generatorURL": "https://prometheus.example/graph?g0.expr=increase%28cryptnono_execwhacker_processes_killed_total%5B5m%5D%29+%3E+0",
			  "fingerprint": "b7a2c3d4e5f60718"
			}""";

	static final String RESOLVED = """
			{
			  "status": "resolved",
			  "labels": {"alertname": "HighEgress", "namespace": "mtu", "pod": "jupyter-bob", "cluster": "2i2c",
			             "severity": "critical"},
			  "annotations": {},
			  "startsAt": "2024-05-02T09:00:00.5Z",
			  "endsAt": "2024-05-02T09:30:00.25Z",
			  "generatorURL": "https://prometheus.example/graph?g0.expr=up",
			  "fingerprint": "0123456789ABCDEF"
			}""";

	static String payload(String... alerts) {
		return """
				{
				  "version": "4",
				  "groupKey": "{}/{severity=~\\"warning|critical\\"}:{alertname=\\"CryptnonoKilledProcess\\"}",
				  "truncatedAlerts": 0,
				  "status": "firing",
				  "receiver": "hubguard",
				  "groupLabels": {"alertname": "CryptnonoKilledProcess"},
				  "commonLabels": {"cluster": "2i2c"},
				  "commonAnnotations": {},
				  "externalURL": "https://alertmanager.example",
				  "alerts": [%s]
				}""".formatted(String.join(",", alerts));
	}

	static AlertmanagerPayload parse(String json) {
		return AlertmanagerPayloads.parse(json.getBytes(UTF_8));
	}

	static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String json, String field) {
		return assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(InvalidPayloadException.class,
				ex -> assertThat(ex.field()).isEqualTo(field));
	}

	static String labels(int count) {
		return IntStream.range(0, count)
			.mapToObj(i -> "\"l" + i + "\":\"v\"")
			.collect(Collectors.joining(",", "{\"alertname\":\"A\",", "}"));
	}

	@Test
	void readsTheDocumentedExampleWithAFiringAndAResolvedAlert() {
		AlertmanagerPayload payload = parse(payload(FIRING, RESOLVED));

		assertThat(payload.version()).isEqualTo("4");
		assertThat(payload.receiver()).isEqualTo("hubguard");
		assertThat(payload.truncatedAlerts()).isZero();
		assertThat(payload.status()).isEqualTo("firing");
		assertThat(payload.groupKey()).contains("CryptnonoKilledProcess");
		assertThat(payload.groupLabels()).containsExactly(Map.entry("alertname", "CryptnonoKilledProcess"));
		assertThat(payload.commonLabels()).containsExactly(Map.entry("cluster", "2i2c"));
		assertThat(payload.commonAnnotations()).isEmpty();
		assertThat(payload.externalURL()).isEqualTo("https://alertmanager.example");
		assertThat(payload.alerts()).hasSize(2);

		Alert firing = payload.alerts().get(0);
		assertThat(firing.resolved()).isFalse();
		assertThat(firing.labels()).containsOnlyKeys("alertname", "namespace", "pod", "cluster", "severity");
		assertThat(firing.label("namespace")).isEqualTo("staging");
		assertThat(firing.label("pod")).isEqualTo("jupyter-alice");
		assertThat(firing.label("team")).isNull();
		assertThat(firing.annotations()).containsEntry("summary", "cryptnono killed a process in jupyter-alice");
		assertThat(firing.startsAt()).isEqualTo(Instant.parse("2024-05-02T10:11:12.123Z"));
		assertThat(firing.endsAt()).as("Go's zero time means no end").isNull();
		assertThat(firing.generatorURL()).startsWith("https://prometheus.example/graph");
		assertThat(firing.fingerprint()).isEqualTo("b7a2c3d4e5f60718");

		Alert resolved = payload.alerts().get(1);
		assertThat(resolved.resolved()).isTrue();
		assertThat(resolved.label("severity")).isEqualTo("critical");
		assertThat(resolved.startsAt()).isEqualTo(Instant.parse("2024-05-02T09:00:00.5Z"));
		assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2024-05-02T09:30:00.25Z"));
		assertThat(resolved.fingerprint()).as("kept in lower case").isEqualTo("0123456789abcdef");
	}

	@Test
	void unknownFieldsAreIgnoredAtEveryLevel() {
		String json = payload(FIRING.replace("\"status\": \"firing\"",
				"\"status\": \"firing\", \"silencedBy\": [], \"state\": {\"x\": 1}"))
			.replace("\"version\": \"4\"",
					"\"version\": \"4\", \"notification_reason\": \"new alerts\", \"routeLabels\": {\"team\": \"abuse\"}");

		AlertmanagerPayload payload = parse(json);

		assertThat(payload.alerts()).singleElement().satisfies(alert -> assertThat(alert.resolved()).isFalse());
	}

	@Test
	void optionalFieldsMayBeAbsent() {
		AlertmanagerPayload payload = parse("""
				{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"A"},
				 "startsAt":"2024-05-02T10:11:12Z","fingerprint":"ab"}]}""");

		assertThat(payload.groupLabels()).isEmpty();
		assertThat(payload.truncatedAlerts()).isNull();
		Alert alert = payload.alerts().get(0);
		assertThat(alert.annotations()).isEmpty();
		assertThat(alert.endsAt()).isNull();
		assertThat(alert.generatorURL()).isNull();
	}

	@Test
	void onlyVersionFourIsAccepted() {
		assertRejected(payload(FIRING).replace("\"version\": \"4\"", "\"version\": \"5\""), "version")
			.hasMessageContaining("'5'")
			.hasMessageContaining("\"4\"");
		assertRejected(payload(FIRING).replace("\"version\": \"4\",", ""), "version").hasMessageContaining("missing");
		assertRejected(payload(FIRING).replace("\"version\": \"4\"", "\"version\": 4"), "version");
	}

	@Test
	void alertWithoutFingerprintIsRejected() {
		assertRejected(payload(FIRING, RESOLVED.replace("\"fingerprint\": \"0123456789ABCDEF\"", "\"x\": 1")),
				"alerts[1].fingerprint")
			.hasMessageContaining("missing");
		assertRejected(payload(FIRING.replace("b7a2c3d4e5f60718", "not-hex")), "alerts[0].fingerprint");
		assertRejected(payload(FIRING.replace("b7a2c3d4e5f60718", "a".repeat(65))), "alerts[0].fingerprint");
	}

	@Test
	void badStartsAtIsRejectedNamingTheAlert() {
		String json = payload(FIRING, FIRING, FIRING, FIRING.replace("2024-05-02T10:11:12.123Z", "2024-05-02 10:11"));

		assertRejected(json, "alerts[3].startsAt").hasMessageContaining("RFC 3339")
			.hasMessageContaining("'2024-05-02 10:11'");
		assertRejected(payload(FIRING.replace("\"startsAt\": \"2024-05-02T10:11:12.123Z\",", "")),
				"alerts[0].startsAt");
		assertRejected(payload(FIRING.replace("2024-05-02T10:11:12.123Z", "0001-01-01T00:00:00Z")),
				"alerts[0].startsAt")
			.hasMessageContaining("zero time");
		assertRejected(payload(RESOLVED.replace("2024-05-02T09:30:00.25Z", "soon")), "alerts[0].endsAt");
	}

	@Test
	void statusMustBeFiringOrResolved() {
		assertRejected(payload(FIRING.replace("\"status\": \"firing\"", "\"status\": \"pending\"")),
				"alerts[0].status");
	}

	@Test
	void labelsNeedAnAlertname() {
		assertRejected(payload(FIRING.replace("\"alertname\": \"CryptnonoKilledProcess\",", "")),
				"alerts[0].labels.alertname");
		assertRejected(payload(FIRING.replaceFirst("\"labels\": \\{[^}]*\\}", "\"labels\": {}")), "alerts[0].labels");
	}

	@Test
	void anEmptyAlertnameIsRejected() {
		assertRejected(payload(FIRING.replace("\"alertname\": \"CryptnonoKilledProcess\"", "\"alertname\": \"\"")),
				"alerts[0].labels.alertname");
		assertRejected(payload(FIRING.replace("\"alertname\": \"CryptnonoKilledProcess\"", "\"alertname\": \"  \"")),
				"alerts[0].labels.alertname");
	}

	@Test
	void timesFarInTheFutureAreRejectedAndAFewMinutesOfClockSkewIsNot() {
		assertRejected(payload(FIRING.replace("2024-05-02T10:11:12.123Z", "9999-06-01T00:00:00Z")),
				"alerts[0].startsAt")
			.hasMessageContaining("future");
		assertRejected(payload(RESOLVED.replace("2024-05-02T09:30:00.25Z", "9999-06-01T00:00:00Z")),
				"alerts[0].endsAt");
		String soon = Instant.now().plusSeconds(300).toString();
		assertThat(parse(payload(FIRING.replace("2024-05-02T10:11:12.123Z", soon))).alerts()).hasSize(1);
	}

	@Test
	void tooManyLabelsOrAnnotationsAreRejected() {
		assertThat(parse(payload(FIRING.replaceFirst("\"labels\": \\{[^}]*\\}", "\"labels\": " + labels(99)))).alerts()
			.get(0)
			.labels()).hasSize(100);
		assertRejected(payload(FIRING.replaceFirst("\"labels\": \\{[^}]*\\}", "\"labels\": " + labels(100))),
				"alerts[0].labels")
			.hasMessageContaining("101 entries")
			.hasMessageContaining("at most 100");
		assertRejected(payload(FIRING.replaceFirst("\"annotations\": \\{[^}]*\\}", "\"annotations\": " + labels(100))),
				"alerts[0].annotations");
	}

	@Test
	void overlongNamesAndValuesAreRejectedNamingTheField() {
		assertRejected(
				payload(FIRING.replace("\"severity\": \"warning\"", "\"severity\": \"" + "w".repeat(4097) + "\"")),
				"alerts[0].labels.severity");
		assertRejected(payload(FIRING.replace("\"severity\":", "\"" + "s".repeat(129) + "\":")), "alerts[0].labels");
		String longSummary = "s".repeat(16384);
		assertThat(parse(payload(FIRING.replace("cryptnono killed a process in jupyter-alice", longSummary))).alerts()
			.get(0)
			.annotations()).containsEntry("summary", longSummary);
		assertRejected(payload(FIRING.replace("cryptnono killed a process in jupyter-alice", longSummary + "s")),
				"alerts[0].annotations.summary");
		assertRejected(payload(FIRING.replace("\"severity\": \"warning\"", "\"severity\": 3")),
				"alerts[0].labels.severity")
			.hasMessageContaining("must be a string");
	}

	@Test
	void nulCharactersAreRejected() {
		assertRejected(payload(FIRING.replace("\"pod\": \"jupyter-alice\"", "\"pod\": \"jupyter\\u0000alice\"")),
				"alerts[0].labels.pod");
	}

	@Test
	void malformedJsonIsRejected() {
		assertThatThrownBy(() -> parse(payload(FIRING).substring(0, 200))).isInstanceOf(InvalidPayloadException.class)
			.hasMessageStartingWith("body is not valid JSON");
		assertThatThrownBy(() -> parse(payload(FIRING) + " {}")).hasMessageStartingWith("body is not valid JSON");
		assertThatThrownBy(() -> parse(payload(FIRING).replace("\"receiver\": \"hubguard\"",
				"\"receiver\": \"hubguard\", \"receiver\": \"other\"")))
			.as("duplicate keys are ambiguous")
			.hasMessageStartingWith("body is not valid JSON");
		assertThatThrownBy(() -> parse("[]")).hasMessageContaining("JSON object");
		assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
		assertThatThrownBy(() -> AlertmanagerPayloads.parse(new byte[] { '{', (byte) 0xFF, '}' }))
			.hasMessageContaining("UTF-8");
	}

	@Test
	void alertsAreRequiredAndLimitedToAThousand() {
		assertRejected(payload(FIRING).replaceFirst("\"alerts\": \\[", "\"alertz\": ["), "alerts");
		String[] thousand = new String[1000];
		Arrays.fill(thousand, FIRING);
		assertThat(parse(payload(thousand)).alerts()).hasSize(1000);

		String[] tooMany = new String[1001];
		Arrays.fill(tooMany, FIRING);
		assertRejected(payload(tooMany), "alerts").hasMessageContaining("1001").hasMessageContaining("max_alerts");
	}

	@Test
	void oneBadAlertRejectsTheWholePayload() {
		String[] alerts = new String[10];
		Arrays.fill(alerts, FIRING);
		alerts[7] = FIRING.replace("\"status\": \"firing\"", "\"status\": 1");

		assertRejected(payload(alerts), "alerts[7].status");
	}

}
