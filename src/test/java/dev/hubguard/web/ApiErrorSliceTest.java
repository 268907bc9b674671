package dev.hubguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.shared.NotFoundException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * How the API answers what it cannot do, in a web slice: Spring MVC with the portal's
 * error advice, JSON reading and number parsing, and a small controller that fails the
 * way the real ones do. Under {@code /api/} an error is JSON with its own status whatever
 * the {@code Accept} header says; a success that cannot be given in the type asked for is
 * a 406; neither logs an error. The slice leaves out the security filters (which
 * {@code RouteRulesTest} and {@code SecurityHeadersTest} prove on the whole portal) and
 * the page layout's identity beans, and demo mode is off (so no embedded sign-in
 * provider, cluster or database starts): it starts in seconds, with no database.
 */
@WebMvcTest(properties = "hubguard.demo.mode=false")
@AutoConfigureMockMvc(addFilters = false)
@ContextConfiguration(classes = ApiErrorSliceTest.Slice.class)
@ExtendWith(OutputCaptureExtension.class)
class ApiErrorSliceTest {

	@Configuration(proxyBeanMethods = false)
	@Import({ ErrorAdvice.class, JsonInput.class, DecimalNumbers.class, Things.class })
	static class Slice {

		/**
		 * The one filter the slice needs (the others are left out with the security
		 * chain).
		 */
		@Bean
		MockMvcBuilderCustomizer readableAcceptHeader() {
			return builder -> builder.addFilters(new AcceptHeader.Readable());
		}

	}

	/** Answers thing 1, and 404 for any other; keeps what it is sent. */
	@RestController
	static class Things {

		record Toggle(Boolean needsApproval, String reason) {
		}

		@GetMapping("/api/v1/things/{id}")
		Map<String, Object> get(@PathVariable long id) {
			if (id != 1) {
				throw new NotFoundException("No thing " + id + " is visible to you.");
			}
			return Map.of("id", id);
		}

		@PostMapping("/api/v1/things/{id}/notes")
		Map<String, Object> note(@PathVariable long id, @RequestBody Map<String, String> body) {
			get(id);
			return Map.of("body", String.valueOf(body.get("body")));
		}

		@PostMapping("/api/v1/things/{id}/toggle")
		Toggle toggle(@PathVariable long id, @RequestBody Toggle toggle) {
			get(id);
			return toggle;
		}

	}

	@Autowired
	MockMvcTester mvc;

	static void quiet(CapturedOutput output) {
		String log = output.getOut() + output.getErr();
		assertThat(log).doesNotContain("unexpected error")
			.doesNotContain("ERROR")
			.doesNotContain("Failure in @ExceptionHandler")
			.doesNotContain("stack_trace")
			.doesNotContain("\tat ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "image/png", "text/plain;q=0.9, application/xml", "application/json", "*/*" })
	void anApiErrorIsJsonWithItsOwnStatusWhateverTheAcceptHeader(String accept, CapturedOutput output) {
		MvcTestResult answer = mvc.get().uri("/api/v1/things/99999").header("Accept", accept).exchange();

		assertThat(answer).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(answer).bodyJson().extractingPath("$.error").isEqualTo("not_found");
		assertThat(answer).bodyJson().extractingPath("$.message").asString().contains("99999");
		quiet(output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "no such/type;;=", "\"5-H]BKR- A]ilQc},0{d~2/\"vb3*`<X,.a", "\"", "a/b;c=\"" })
	void anUnparseableAcceptHeaderStillGetsTheJsonError(String accept, CapturedOutput output) {
		MvcTestResult answer = mvc.get().uri("/api/v1/things/99999").header("Accept", accept).exchange();

		assertThat(answer).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		quiet(output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "image/png", "no such/type;;=", "\"5-H]BKR- A]ilQc},0{d~2/\"vb3*`<X,.a" })
	void aSuccessThatCannotBeGivenInTheAskedTypeIsA406WithoutAStackTrace(String accept, CapturedOutput output) {
		MvcTestResult answer = mvc.get().uri("/api/v1/things/1").header("Accept", accept).exchange();

		assertThat(answer).hasStatus(406).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(answer).bodyJson().extractingPath("$.error").isEqualTo("not_acceptable");
		assertThat(answer).bodyJson().extractingPath("$.message").asString().contains("application/json");
		quiet(output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "false", "1.5", "1e30", "7", "{\"a\":1}", "[\"x\"]" })
	void textMustBeSentAsAJsonString(String value) {
		MvcTestResult answer = mvc.post()
			.uri("/api/v1/things/1/notes")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":" + value + "}")
			.exchange();

		assertThat(answer).hasStatus(400);
		assertThat(answer).bodyJson().extractingPath("$.field").isEqualTo("body");
		assertThat(answer).bodyJson().extractingPath("$.message").asString().contains("'body' must be text");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "1", "-1", "\"true\"", "\"false\"", "\"\"", "1.0" })
	void aSwitchMustBeSentAsTrueOrFalse(String value) {
		MvcTestResult answer = mvc.post()
			.uri("/api/v1/things/1/toggle")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"needsApproval\":" + value + "}")
			.exchange();

		assertThat(answer).hasStatus(400);
		assertThat(answer).bodyJson().extractingPath("$.field").isEqualTo("needsApproval");
		assertThat(answer).bodyJson().extractingPath("$.message").asString().contains("true or false");
	}

	@Test
	void aRealSwitchAndRealTextAreRead() {
		assertThat(mvc.post()
			.uri("/api/v1/things/1/toggle")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"needsApproval\":false,\"reason\":\"caf\\u00e9 \\ud83d\\ude00\"}")
			.exchange()).hasStatus(200)
			.bodyJson()
			.isLenientlyEqualTo("{\"needsApproval\":false,\"reason\":\"café 😀\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\\ud800", "a\\udfffb", "\\ude00\\ud83d", "x\\ud83d" })
	void aLoneSurrogateIsA400NamingTheField(String text) {
		MvcTestResult note = mvc.post()
			.uri("/api/v1/things/1/notes")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"body\":\"" + text + "\"}")
			.exchange();
		MvcTestResult toggle = mvc.post()
			.uri("/api/v1/things/1/toggle")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"needsApproval\":true,\"reason\":\"" + text + "\"}")
			.exchange();

		assertThat(note).hasStatus(400);
		assertThat(note).bodyJson().extractingPath("$.field").isEqualTo("body");
		assertThat(note).bodyJson().extractingPath("$.message").asString().contains("Unicode");
		assertThat(toggle).hasStatus(400);
		assertThat(toggle).bodyJson().extractingPath("$.field").isEqualTo("reason");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "0x1", "+1", "1e0", "%201", "1%20", "01x", "%231", "1.0", "%EF%BC%91", "99999999999999999999" })
	void anIdInAPathIsDecimalDigitsOnly(String id) {
		MvcTestResult answer = mvc.get().uri(URI.create("/api/v1/things/" + id)).exchange();

		assertThat(answer).hasStatus(400);
		assertThat(answer).bodyJson().extractingPath("$.field").isEqualTo("id");
		assertThat(answer).bodyJson()
			.extractingPath("$.message")
			.asString()
			.contains("'id' must be a whole number written in decimal digits");
	}

	@Test
	void aDecimalIdIsRead() {
		assertThat(mvc.get().uri("/api/v1/things/1").exchange()).hasStatus(200);
		assertThat(mvc.get().uri("/api/v1/things/-1").exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/api/v1/things/01").exchange()).hasStatus(200);
	}

}
