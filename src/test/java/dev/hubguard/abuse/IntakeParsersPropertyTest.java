package dev.hubguard.abuse;

import static dev.hubguard.support.Properties.bytes;
import static dev.hubguard.support.Properties.check;
import static dev.hubguard.support.Properties.garbage;
import static dev.hubguard.support.Properties.nearMiss;
import static dev.hubguard.support.Properties.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated inputs, valid, near-valid and garbage, for the two intake parsers: the
 * Alertmanager webhook parser answers a payload equal to what was sent, within its
 * limits, or refuses with {@link InvalidPayloadException} and a one-line reason, leaving
 * the body untouched; the cryptnono log parser never throws, and reads back the events it
 * is given. Run as described in {@link dev.hubguard.support.Properties}.
 */
class IntakeParsersPropertyTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	static final String HEX = "0123456789abcdefABCDEF";

	/** A time a sender's clock could give, up to 50 minutes ahead of ours. */
	static Instant time(SplittableRandom random) {
		return NOW.minusSeconds(random.nextLong(-3000, 400L * 86_400)).plusNanos(random.nextInt(1_000_000_000));
	}

	static String text(SplittableRandom random, int max) {
		return switch (random.nextInt(4)) {
			case 0 -> oneOf(random, "mtu", "jupyter-ada-40mtu-2eexample", "critical", "ö ü ✓", "a b\tc", "\"quoted\"");
			case 1 -> garbage(random, max).replace('\0', '0');
			default -> Integer.toString(random.nextInt(1_000_000), 36);
		};
	}

	static Map<String, Object> labels(SplittableRandom random, boolean alertname) {
		Map<String, Object> labels = new LinkedHashMap<>();
		if (alertname) {
			labels.put("alertname", oneOf(random, "UserMemoryNearLimit", "CryptoMiner", "Ω"));
		}
		for (int i = random.nextInt(6); i > 0; i--) {
			labels.put(oneOf(random, "cluster", "namespace", "pod", "severity", "username") + i, text(random, 40));
		}
		return labels;
	}

	static Map<String, Object> alert(SplittableRandom random) {
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("status", oneOf(random, "firing", "resolved"));
		alert.put("labels", labels(random, true));
		alert.put("annotations", labels(random, false));
		alert.put("startsAt", time(random).toString());
		alert.put("endsAt", oneOf(random, "0001-01-01T00:00:00Z", time(random).toString(), null));
		StringBuilder fingerprint = new StringBuilder();
		for (int i = random.nextInt(1, 65); i > 0; i--) {
			fingerprint.append(HEX.charAt(random.nextInt(HEX.length())));
		}
		alert.put("fingerprint", fingerprint.toString());
		alert.put("generatorURL", oneOf(random, "http://prometheus:9090/graph?g0.expr=up", null));
		if (random.nextInt(4) == 0) {
			alert.put("notification_reason", "a field newer Alertmanagers send");
		}
		return alert;
	}

	static Map<String, Object> notification(SplittableRandom random) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("version", "4");
		payload.put("groupKey", "{}:{alertname=\"X\"}");
		payload.put("truncatedAlerts", oneOf(random, 0, 3, null));
		payload.put("status", oneOf(random, "firing", "resolved"));
		payload.put("receiver", "hubguard");
		payload.put("groupLabels", labels(random, false));
		payload.put("commonLabels", labels(random, false));
		payload.put("commonAnnotations", labels(random, false));
		payload.put("externalURL", "http://alertmanager:9093");
		List<Object> alerts = new ArrayList<>();
		for (int i = random.nextInt(6); i > 0; i--) {
			alerts.add(alert(random));
		}
		payload.put("alerts", alerts);
		return payload;
	}

	@Test
	void aValidNotificationIsReadBackAsSent() {
		check("alertmanager: valid notifications read back as sent", (random, shown) -> {
			Map<String, Object> sent = notification(random);
			byte[] body = JSON.writeValueAsBytes(sent);
			shown.accept(new String(body, StandardCharsets.UTF_8));

			AlertmanagerPayload payload = AlertmanagerPayloads.parse(body, NOW);

			List<?> alerts = (List<?>) sent.get("alerts");
			assertThat(payload.alerts()).hasSize(alerts.size());
			assertThat(payload.commonLabels()).isEqualTo(sent.get("commonLabels"));
			for (int i = 0; i < alerts.size(); i++) {
				Map<?, ?> expected = (Map<?, ?>) alerts.get(i);
				Alert alert = payload.alerts().get(i);
				assertThat(alert.status()).isEqualTo(expected.get("status"));
				assertThat(alert.labels()).isEqualTo(expected.get("labels"));
				assertThat(alert.annotations()).isEqualTo(expected.get("annotations"));
				assertThat(alert.startsAt()).isEqualTo(Instant.parse((String) expected.get("startsAt")));
				Object endsAt = expected.get("endsAt");
				assertThat(alert.endsAt()).isEqualTo(endsAt == null || "0001-01-01T00:00:00Z".equals(endsAt) ? null
						: Instant.parse((String) endsAt));
				assertThat(alert.fingerprint())
					.isEqualTo(((String) expected.get("fingerprint")).toLowerCase(Locale.ROOT));
			}
		});
	}

	@Test
	void anyOtherBodyIsReadWithinTheLimitsOrRefusedWithAOneLineReasonAndLeftUntouched() {
		check("alertmanager: near-valid and garbage bodies refused cleanly", (random, shown) -> {
			byte[] body = switch (random.nextInt(5)) {
				case 0 -> bytes(random, 200);
				case 1 -> garbage(random, 200).getBytes(StandardCharsets.UTF_8);
				case 2 -> nearMiss(random, JSON.writeValueAsString(notification(random)), "{}[]\":,0123456789ntfrue")
					.getBytes(StandardCharsets.UTF_8);
				default -> JSON.writeValueAsBytes(mutated(random, notification(random)));
			};
			if (random.nextInt(10) == 0 && body.length > 0) {
				body[random.nextInt(body.length)] = (byte) random.nextInt(256);
			}
			shown.accept(new String(body, StandardCharsets.UTF_8));
			byte[] copy = body.clone();
			AlertmanagerPayload payload;
			try {
				payload = AlertmanagerPayloads.parse(body, NOW);
			}
			catch (InvalidPayloadException refused) {
				assertThat(body).as("the body is left as it came").isEqualTo(copy);
				assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(1000).doesNotContain("\n", "\r");
				if (refused.field() != null) {
					assertThat(refused.field()).hasSizeLessThan(300).doesNotContain("\n", "\r", "\0");
				}
				return;
			}
			assertThat(body).isEqualTo(copy);
			assertThat(payload.alerts()).hasSizeLessThanOrEqualTo(AlertmanagerPayloads.MAX_ALERTS);
			for (Alert alert : payload.alerts()) {
				assertThat(alert.status()).isIn("firing", "resolved");
				assertThat(alert.label("alertname")).isNotBlank();
				assertThat(alert.labels()).hasSizeLessThanOrEqualTo(AlertmanagerPayloads.MAX_ENTRIES);
				assertThat(alert.labels().values())
					.allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(4096).doesNotContain("\0"));
				assertThat(alert.fingerprint()).matches("[0-9a-f]{1,64}");
				assertThat(alert.startsAt()).isBefore(NOW.plusSeconds(3601)).isNotEqualTo(Timestamps.GO_ZERO_TIME);
				if (alert.endsAt() != null) {
					assertThat(alert.endsAt()).isBefore(NOW.plusSeconds(3601));
				}
			}
		});
	}

	/** A notification with one thing wrong, or one harmless thing changed. */
	@SuppressWarnings("unchecked")
	static Object mutated(SplittableRandom random, Map<String, Object> payload) {
		List<Object> alerts = (List<Object>) payload.get("alerts");
		Map<String, Object> target = alerts.isEmpty() || random.nextInt(4) == 0 ? payload
				: (Map<String, Object>) alerts.get(random.nextInt(alerts.size()));
		String key = oneOf(random, target.keySet().toArray(String[]::new));
		Object value = switch (random.nextInt(14)) {
			case 0 -> null;
			case 1 -> random.nextInt();
			case 2 -> List.of("x");
			case 3 -> Map.of("k", random.nextBoolean() ? 1 : "v");
			case 4 -> oneOf(random, "3", "yesterday", "+300000-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
					NOW.plusSeconds(7200).toString(), "2026-06-01T12:00:00+01:00", "g", "f".repeat(65), "");
			case 5 -> "v\0nul";
			case 6 -> Map.of("alertname", "x".repeat(random.nextBoolean() ? 4096 : 4097));
			case 7 -> Map.of("n".repeat(random.nextBoolean() ? 128 : 129), "v");
			case 8 -> random.nextInt(3) == 0 ? Stream.iterate(0, i -> i + 1).limit(101).toList() : -1;
			case 9 -> {
				Map<String, Object> many = new LinkedHashMap<>(Map.of("alertname", "a"));
				for (int i = random.nextInt(99, 101); i > 0; i--) {
					many.put("l" + i, "v");
				}
				yield many;
			}
			case 10 -> Map.of("alertname", "a", "x", random.nextBoolean() ? "v\0" : "v");
			default -> {
				target.remove(key);
				yield target.containsKey("x-unknown") ? "again" : "an unknown field is ignored";
			}
		};
		target.put(random.nextInt(12) == 11 ? "x-unknown" : key, value);
		return random.nextInt(30) == 0 ? List.of(payload) : payload;
	}

	record Line(byte[] bytes, String container, Map<String, Object> json, Instant time, Long pid, String cmdline) {

		@Override
		public String toString() {
			return container + ": " + new String(bytes, StandardCharsets.UTF_8);
		}

	}

	/**
	 * Text a program can write to its log: no NUL, no line break, no lone UTF-16
	 * surrogate (which UTF-8 cannot carry).
	 */
	static String writable(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints()
			.map(c -> c == 0 || c == '\n' || c == '\r' || Character.isSurrogate((char) c) && c <= 0xFFFF ? ' ' : c)
			.forEach(out::appendCodePoint);
		return out.toString();
	}

	/** A line cryptnono could have written, with what it should read back as. */
	static Line validLine(SplittableRandom random) {
		Instant time = time(random);
		String prefix = random.nextBoolean() ? time(random) + " " : "";
		String ending = oneOf(random, "", "\n", "\r\n");
		long pid = random.nextInt(4) == 0 ? random.nextLong(Long.MAX_VALUE) : random.nextInt(1, 4_000_000);
		String cmdline = oneOf(random, "/tmp/xmrig -o pool:3333", "./t-rex --algo", "python -c 'ö'",
				writable(garbage(random, 80)).strip());
		cmdline = cmdline.isEmpty() ? "x" : cmdline;
		if (random.nextBoolean()) {
			String text = "[" + time + "] killed pid:" + pid + " fpcr:" + random.nextInt(100) + " cmd:" + cmdline;
			return new Line((prefix + text + ending).getBytes(StandardCharsets.UTF_8), CryptnonoEvent.MONERO, null,
					time, pid, cmdline.strip().isEmpty() ? null : cmdline.strip());
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("pid", random.nextBoolean() ? pid : Long.toString(pid));
		json.put("cmdline", cmdline);
		json.put("matched", "xmrig");
		json.put("source", "execwhacker.bpf");
		json.put("labels",
				Map.of("io.kubernetes.pod.name", "jupyter-" + writable(text(random, 20)), "io.kubernetes.pod.namespace",
						oneOf(random, "mtu", "binder", "prod"), "io.kubernetes.container.name", "notebook"));
		json.put("image", "quay.io/jupyter/base-notebook:latest");
		json.put("action", oneOf(random, ExecwhackerLines.ACTIONS.toArray(String[]::new)));
		json.put("event", "Killed process");
		json.put("level", "info");
		json.put("timestamp", time.toString());
		return new Line((prefix + JSON.writeValueAsString(json) + ending).getBytes(StandardCharsets.UTF_8),
				CryptnonoEvent.EXECWHACKER, json, time, pid, cmdline);
	}

	@Test
	void aLineCryptnonoWroteIsReadBackAsItsEvent() {
		check("cryptnono: valid lines read back as their events", (random, shown) -> {
			Line line = validLine(random);
			shown.accept(line);

			CryptnonoLogParser.ParseResult result = CryptnonoLogParser.parse(line.bytes(), line.container(), NOW);

			assertThat(result.outcome()).as(result.detail()).isEqualTo(CryptnonoLogParser.Outcome.EVENT);
			CryptnonoEvent event = result.event().orElseThrow();
			assertThat(event.at()).isEqualTo(line.time());
			assertThat(event.pid()).isEqualTo(line.pid());
			assertThat(event.cmdline()).isEqualTo(line.cmdline().strip().isEmpty() ? null : line.cmdline());
			assertThat(event.source()).isEqualTo(line.container());
			if (line.json() != null) {
				Map<?, ?> labels = (Map<?, ?>) line.json().get("labels");
				assertThat(event.action()).isEqualTo(line.json().get("action"));
				assertThat(event.namespace()).isEqualTo(labels.get("io.kubernetes.pod.namespace"));
				assertThat(event.pod()).isEqualTo(labels.get("io.kubernetes.pod.name"));
				assertThat(event.container()).isEqualTo("notebook");
			}
			else {
				assertThat(event.action()).isEqualTo("killed");
			}
		});
	}

	@Test
	void noLineMakesTheCryptnonoParserThrowAndWhatItAnswersIsBounded() {
		check("cryptnono: near-valid and garbage lines never throw", (random, shown) -> {
			byte[] bytes = switch (random.nextInt(6)) {
				case 0 -> bytes(random, 300);
				case 1 -> garbage(random, 300).getBytes(StandardCharsets.UTF_8);
				case 2 -> random.nextInt(200) == 0 ? new byte[CryptnonoLogParser.MAX_LINE_BYTES + 1]
						: "{\"action\":\"killed\"}".getBytes(StandardCharsets.UTF_8);
				default -> {
					byte[] valid = validLine(random).bytes();
					String near = nearMiss(random, new String(valid, StandardCharsets.UTF_8), "{}[]\":, 0123456789\\u");
					byte[] mutated = near.getBytes(StandardCharsets.UTF_8);
					if (random.nextInt(4) == 0 && mutated.length > 0) {
						mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
					}
					yield mutated;
				}
			};
			String container = oneOf(random, CryptnonoEvent.EXECWHACKER, CryptnonoEvent.MONERO, "other", null);
			Instant fallback = random.nextInt(10) == 0 ? null : NOW;
			shown.accept(container + ": " + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 400))));

			CryptnonoLogParser.ParseResult result = CryptnonoLogParser.parse(bytes, container, fallback);

			assertThat(result).isNotNull();
			assertThat(result.event().isPresent()).isEqualTo(result.outcome() == CryptnonoLogParser.Outcome.EVENT);
			if (result.outcome() != CryptnonoLogParser.Outcome.EVENT) {
				assertThat(result.detail()).as("why").isNotBlank();
			}
			if (result.detail() != null) {
				assertThat(result.detail()).as("safe to log")
					.hasSizeLessThan(600)
					.doesNotContain("\n", "\r", "\u2028", "\u2029");
			}
			if (result.event().isPresent()) {
				CryptnonoEvent event = result.event().get();
				assertThat(event.action()).isIn(ExecwhackerLines.ACTIONS);
				assertThat(event.source()).isEqualTo(container);
				if (event.pid() != null) {
					assertThat(event.pid()).isNotNegative();
				}
				if (fallback != null) {
					assertThat(event.at()).isNotNull();
				}
				for (String field : Arrays.asList(event.namespace(), event.pod(), event.container(), event.cmdline(),
						event.matched(), event.image(), event.rawSource())) {
					if (field != null) {
						assertThat(field).isNotBlank().doesNotContain("\0").hasSizeLessThanOrEqualTo(bytes.length);
					}
				}
			}
		});
	}

}
