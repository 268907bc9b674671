package dev.hubguard.web;

import static dev.hubguard.support.Properties.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.identity.Identity;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.Properties;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Malformed requests against the running portal, for each persona's token (staff, a hub
 * admin, a nobody, none, a made-up one): any method on any API route Spring maps, or on a
 * made-up path under {@code /api/v1}, with bad ids, bad Unicode, random {@code Accept}
 * and {@code Content-Type} headers, and JSON values of every wrong type. No answer is
 * ever a 5xx, and under {@code /api/} every error is JSON {@code {error, message}}. The
 * tries come from {@code -Dhubguard.property.api-tries=N} (2000 unless told;
 * bench/properties.sh sends a million), the seed as for every property
 * ({@link Properties}).
 * <p>
 * What it may change stays out of other tests' way: writes go only to
 * {@code cloudbank/laney} (no other test uses it; its admin is this test's hub admin) and
 * to ids no row has, and the personas are this test's own people.
 */
@PortalTest
class ApiFuzzPropertyTest {

	/** Requests sent at once in each try. */
	static final int BATCH = 8;

	/** Tries, each a batch of {@link #BATCH} requests. */
	static final int TRIES = Integer.getInteger("hubguard.property.api-tries", 400);

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Field names the API's bodies read, and a few it does not. */
	static final String[] FIELDS = { "body", "note", "state", "assignee", "needsApproval", "mode", "justification",
			"baseVersion", "replaces", "allowPrivate", "rules", "cidr", "ports", "reason", "name", "days", "value",
			"valueBase64", "delivery", "description", "rotateBy", "ticketId", "url", "hub", "check", "expires",
			"alerts", "version", "", "__proto__", "body\u0000" };

	/** Ids that must never address anything: not decimal, out of range, or no row's. */
	static final String[] BAD_IDS = { "0x1", "+1", "1e0", "%201", "1%20", "-1", "%EF%BC%91", "99999999999999999999",
			"1.0", "%231", "abc", "%F0%9F%98%80", "0", "1000000000", "9223372036854775807", "-9223372036854775808",
			"%2e%2e", "x%3By", "%25", "%20", "%C3%A9" };

	static final String[] ACCEPTS = { "application/json", "text/html", "*/*", "image/png", "text/plain",
			"application/xml", "application/yaml", "text/csv", "application/json;q=0",
			"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/*", "json", "*/json",
			"application/json;charset=nonsense", ";;;", "application/json, text/html;q=bad" };

	static final String[] CONTENT_TYPES = { "application/json", "application/json; charset=UTF-8", "text/plain",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
			"application/json; charset=ISO-8859-1", "application/merge-patch+json", "text/html", "nonsense" };

	static final String[] METHODS = { "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" };

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	record Persona(String name, String token) {
	}

	/** One generated request, as the failure message shows it. */
	record Fuzz(Persona persona, String method, String path, String accept, String contentType, byte[] body) {

		@Override
		public String toString() {
			return persona.name() + " " + method + " " + path + " Accept: " + accept + " Content-Type: " + contentType
					+ " body: " + (body == null ? "none" : new String(body, StandardCharsets.UTF_8));
		}

	}

	String token(Identity identity) {
		return tokens.create(accounts.signedIn(identity), "fuzz", Duration.ofHours(2)).value();
	}

	List<String> routePatterns() {
		List<String> patterns = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/") && !patterns.contains(pattern)) {
					patterns.add(pattern);
				}
			}
		}
		return patterns;
	}

	@Test
	void noMalformedRequestIsAServerErrorAndEveryApiErrorIsJson() {
		List<Persona> personas = List.of(new Persona("staff", token(Api.github("fuzz-staff", "hubguard-demo:staff"))),
				new Persona("laney-admin", token(Api.cilogon("instructor@laney.example", null))),
				new Persona("nobody", token(Api.github("fuzz-nobody"))), new Persona("anonymous", null),
				new Persona("made-up token", "hg_" + "0".repeat(43)));
		List<String> patterns = routePatterns();
		assertThat(patterns).hasSizeGreaterThan(30);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

		Properties.check("API: malformed requests never answer 5xx, errors are JSON (" + BATCH + " a try)", TRIES,
				(random, shown) -> {
					List<Fuzz> batch = new ArrayList<>();
					for (int i = 0; i < BATCH; i++) {
						batch.add(fuzz(random, personas, patterns));
					}
					shown.accept(batch);
					List<CompletableFuture<HttpResponse<String>>> answers = batch.stream()
						.map(fuzz -> http.sendAsync(request(fuzz), HttpResponse.BodyHandlers.ofString()))
						.toList();
					for (int i = 0; i < BATCH; i++) {
						HttpResponse<String> answer = answers.get(i).get(60, TimeUnit.SECONDS);
						try {
							check(batch.get(i), answer);
						}
						catch (AssertionError | RuntimeException failure) {
							throw new AssertionError("on " + batch.get(i) + ": " + failure.getMessage(), failure);
						}
					}
				});
	}

	static void check(Fuzz fuzz, HttpResponse<String> answer) {
		assertThat(answer.statusCode()).as("status").isLessThan(500);
		if (answer.statusCode() >= 400) {
			assertThat(answer.headers().firstValue("Content-Type")).as("content type of %s", answer.body())
				.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
			JsonNode error = JSON.readTree(answer.body());
			assertThat(error.path("error").isString()).as(answer.body()).isTrue();
			assertThat(error.path("message").isString()).as(answer.body()).isTrue();
		}
	}

	HttpRequest request(Fuzz fuzz) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + fuzz.path()))
			.timeout(Duration.ofSeconds(30))
			.method(fuzz.method(), fuzz.body() == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
		if (fuzz.persona().token() != null) {
			request.header("Authorization", "Bearer " + fuzz.persona().token());
		}
		if (fuzz.accept() != null) {
			request.header("Accept", fuzz.accept());
		}
		if (fuzz.contentType() != null) {
			request.header("Content-Type", fuzz.contentType());
		}
		return request.build();
	}

	static Fuzz fuzz(SplittableRandom random, List<Persona> personas, List<String> patterns) {
		Persona persona = personas.get(random.nextInt(personas.size()));
		String method = random.nextInt(3) == 0 ? "GET" : oneOf(random, METHODS);
		boolean writes = !method.equals("GET") && !method.equals("OPTIONS");
		String path = switch (random.nextInt(10)) {
			case 0, 1 -> "/api/v1/" + segment(random) + (random.nextBoolean() ? "" : "/" + segment(random));
			case 2 -> fill(random, patterns.get(random.nextInt(patterns.size())), writes) + "/" + segment(random);
			default -> fill(random, patterns.get(random.nextInt(patterns.size())), writes);
		};
		if (writes && unsafeToWrite(path)) {
			method = "GET";
			writes = false;
		}
		if (random.nextInt(4) == 0) {
			path += "?" + oneOf(random, "limit", "cursor", "state", "days", "hub", "port", "destination", "protocol",
					"source", segment(random)) + "=" + oneOf(random, BAD_IDS);
		}
		String accept = random.nextInt(4) == 0 ? null
				: random.nextInt(8) == 0 ? printable(random, 40) : oneOf(random, ACCEPTS);
		boolean hasBody = writes ? random.nextInt(8) != 0 : random.nextInt(8) == 0;
		String contentType = !hasBody || random.nextInt(10) == 0 ? null : random.nextInt(3) != 0 ? "application/json"
				: random.nextInt(8) == 0 ? printable(random, 40) : oneOf(random, CONTENT_TYPES);
		return new Fuzz(persona, method, path, accept, contentType, hasBody ? body(random) : null);
	}

	/**
	 * Writes that would act, whatever their body: re-wrapping every secret and starting a
	 * probe (no input to get wrong).
	 */
	static boolean unsafeToWrite(String path) {
		return path.startsWith("/api/v1/staff/secrets/rewrap") || path.contains("/isolation/probe")
				|| path.startsWith("/api/v1/tokens");
	}

	/**
	 * A route with its variables filled: a write never names a hub but laney, nor an id a
	 * row has.
	 */
	static String fill(SplittableRandom random, String pattern, boolean writes) {
		String cluster = random.nextInt(4) == 0 ? segment(random) : "cloudbank";
		String hub = random.nextInt(4) == 0 ? segment(random) : "laney";
		if (!writes && random.nextInt(3) == 0) {
			cluster = oneOf(random, "2i2c", "hhmi");
			hub = oneOf(random, "mtu", "spyglass");
		}
		String id = writes || random.nextBoolean() ? oneOf(random, BAD_IDS) : String.valueOf(random.nextInt(1, 200));
		return pattern.replace("{cluster}", cluster)
			.replace("{hub}", hub)
			.replace("{id}", id)
			.replace("{ref}", random.nextBoolean() ? "noSuchReport" : segment(random))
			.replace("{name}", random.nextBoolean() ? oneOf(random, "FUZZ_SECRET", "PATH", "a") : segment(random));
	}

	/**
	 * A path segment: any characters, percent-encoded as UTF-8 where they must be, or one
	 * of the bad ids. Never bytes that are not UTF-8, nor an encoded NUL: Tomcat refuses
	 * those addresses itself, with its own HTML 400, before the portal sees them.
	 */
	static String segment(SplittableRandom random) {
		if (random.nextInt(3) == 0) {
			return oneOf(random, BAD_IDS);
		}
		byte[] bytes = Properties.garbage(random, 12).replace('\0', '0').getBytes(StandardCharsets.UTF_8);
		StringBuilder segment = new StringBuilder();
		for (byte b : bytes) {
			char c = (char) (b & 0xff);
			if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
				segment.append(c);
			}
			else {
				segment.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
			}
		}
		return segment.isEmpty() ? "x" : segment.toString();
	}

	static String printable(SplittableRandom random, int max) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(1, max + 1);
		for (int i = 0; i < length; i++) {
			text.append((char) random.nextInt(0x20, 0x7f));
		}
		return text.toString().strip().isEmpty() ? "x" : text.toString().strip();
	}

	static byte[] body(SplittableRandom random) {
		switch (random.nextInt(10)) {
			case 0:
				return Properties.bytes(random, 64);
			case 1: {
				String json = object(random, 0);
				return json.substring(0, random.nextInt(json.length())).getBytes(StandardCharsets.UTF_8);
			}
			case 2:
				return value(random, 0).getBytes(StandardCharsets.UTF_8);
			case 3: {
				// Raw bytes that are not UTF-8 inside a string.
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				out.writeBytes(("{\"" + oneOf(random, FIELDS) + "\":\"").getBytes(StandardCharsets.UTF_8));
				out.writeBytes(oneOf(random, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
						new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xC0, (byte) 0xAF }, new byte[] { 0 }));
				out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
				return out.toByteArray();
			}
			default:
				return object(random, 0).getBytes(StandardCharsets.UTF_8);
		}
	}

	static String object(SplittableRandom random, int depth) {
		StringBuilder json = new StringBuilder("{");
		int fields = random.nextInt(5);
		for (int i = 0; i < fields; i++) {
			json.append(i == 0 ? "" : ",")
				.append(string(oneOf(random, FIELDS)))
				.append(':')
				.append(value(random, depth + 1));
		}
		return json.append('}').toString();
	}

	/** A JSON value of any type, most of them wrong for the field they land in. */
	static String value(SplittableRandom random, int depth) {
		return switch (random.nextInt(depth > 2 ? 12 : 15)) {
			case 0 -> "true";
			case 1 -> "false";
			case 2 -> "null";
			case 3 -> oneOf(random, "0", "1", "-1", "1.5", "1e30", "1E400", "-0.0", "9223372036854775808",
					"123456789012345678901234567890", "0.1e-999", String.valueOf(random.nextLong()));
			case 4 -> string(oneOf(random, "\ud800", "a\udfffb", "\ude00\ud83d", "x\u0000y", "", " ", "\u2028", "OPEN",
					"WEB_ONLY", "resolved", "true", "1", "0x1"));
			case 5 -> string(Properties.garbage(random, 40));
			case 6 -> string("x".repeat(random.nextInt(1, 3) * 5000));
			case 7, 8, 9, 10, 11 -> string(Properties.garbage(random, 8));
			case 12 -> object(random, depth);
			default -> {
				StringBuilder array = new StringBuilder("[");
				int items = random.nextInt(4);
				for (int i = 0; i < items; i++) {
					array.append(i == 0 ? "" : ",").append(value(random, depth + 1));
				}
				yield array.append(']').toString();
			}
		};
	}

	/**
	 * A JSON string with every control character, quote, backslash and surrogate escaped
	 * (so a lone surrogate travels as {@code \ud800}, as a client would send it).
	 */
	static String string(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

}
