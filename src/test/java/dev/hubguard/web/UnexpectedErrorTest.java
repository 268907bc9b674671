package dev.hubguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.shared.RequestIds;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A 500 names a request id that the log line names too, so support can find it. */
@ExtendWith(OutputCaptureExtension.class)
class UnexpectedErrorTest {

	@Test
	void theAnswerAndTheLogLineCarryTheSameRequestId(CapturedOutput output) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/hubs");
		MockHttpServletResponse response = new MockHttpServletResponse();
		Object[] answer = new Object[1];
		new RequestIds().doFilter(request, response, new MockFilterChain() {
			@Override
			public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
				answer[0] = new ErrorAdvice(null).unexpected(new IllegalStateException("boom"), request);
			}
		});
		String id = response.getHeader("X-Request-Id");
		assertThat(id).matches("[0-9a-f]{12}");
		@SuppressWarnings("unchecked")
		Map<String, Object> body = (Map<String, Object>) ((ResponseEntity<?>) answer[0]).getBody();
		assertThat(body).containsEntry("requestId", id);
		assertThat(body.get("message").toString()).contains(id).doesNotContain("boom");
		assertThat(output.getOut() + output.getErr()).contains("(request id " + id + ")");
	}

}
