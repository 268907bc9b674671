package dev.hubguard.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** Writes the API's JSON errors ({@code {error, message}}) from the security filters. */
@Component
class ApiErrors {

	void unauthorized(HttpServletResponse response, String message) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer realm=\"hubguard\"");
		write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", message);
	}

	void forbidden(HttpServletResponse response, String message) throws IOException {
		write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", message);
	}

	private static void write(HttpServletResponse response, int status, String error, String message)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"error\":\"" + error + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
	}

}
