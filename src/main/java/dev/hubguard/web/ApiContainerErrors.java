package dev.hubguard.web;

import dev.hubguard.shared.RequestIds;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that happen before Spring MVC sees a request are answered under {@code /api/} as
 * JSON {@code {error, message}}, like every other API error ({@link ErrorAdvice} answers
 * those that reach a controller), instead of an HTML page:
 * <ul>
 * <li>those that go to the container's error dispatch (a path the security firewall
 * refuses, such as one with {@code %25} or {@code //}): {@link JsonForApi};</li>
 * <li>those Tomcat answers itself, before any filter (an encoded {@code /} or NUL, a path
 * whose %-encoding is not UTF-8): {@link JsonReportValve}, in place of Tomcat's error
 * report valve (which Spring Boot sets to show no report).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ApiContainerErrors {

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> apiJsonErrorReports() {
		return new WebServerFactoryCustomizer<>() {
			@Override
			public void customize(ConfigurableTomcatWebServerFactory factory) {
				factory.addContextCustomizers(context -> {
					Pipeline host = context.getParent().getPipeline();
					for (Valve valve : host.getValves()) {
						if (valve instanceof ErrorReportValve) {
							host.removeValve(valve);
						}
					}
					// Tomcat adds a valve of this class at start unless one is there
					// already.
					((StandardHost) context.getParent()).setErrorReportValveClass(JsonReportValve.class.getName());
					JsonReportValve valve = new JsonReportValve();
					valve.setShowReport(false);
					valve.setShowServerInfo(false);
					host.addValve(valve);
				});
			}
		};
	}

	/**
	 * Tomcat's error report, but JSON for an API address. Spring Boot's customizer (which
	 * adds the plain valve) runs first; this one replaces it, and names its class to the
	 * host so that Tomcat does not add a plain one again at start.
	 */
	static final class JsonReportValve extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			String uri = request.getRequestURI();
			if (uri == null || !uri.startsWith("/api/")) {
				super.report(request, response, throwable);
				return;
			}
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0) {
				return;
			}
			try {
				response.setContentType(MediaType.APPLICATION_JSON_VALUE);
				response.setCharacterEncoding(StandardCharsets.UTF_8.name());
				java.io.PrintWriter writer = response.getReporter();
				if (writer != null) {
					writer.write(JsonForApi.JSON.writeValueAsString(
							Map.of("error", JsonForApi.error(status), "message", JsonForApi.message(status, null))));
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The connection is gone or the answer already started: nothing to add.
			}
		}

	}

	@Bean
	FilterRegistrationBean<JsonForApi> apiContainerErrorsAsJson() {
		FilterRegistrationBean<JsonForApi> registration = new FilterRegistrationBean<>(new JsonForApi());
		registration.setDispatcherTypes(DispatcherType.ERROR);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** On an error dispatch for an API address: writes the JSON error and stops there. */
	static final class JsonForApi implements Filter {

		static final JsonMapper JSON = JsonMapper.builder().build();

		@Override
		public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
				throws IOException, ServletException {
			HttpServletRequest request = (HttpServletRequest) req;
			HttpServletResponse response = (HttpServletResponse) res;
			if (!(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path)
					|| !path.startsWith("/api/") || response.isCommitted()) {
				chain.doFilter(request, response);
				return;
			}
			int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code
					: HttpStatus.INTERNAL_SERVER_ERROR.value();
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", error(status));
			String id = RequestIds.of(request);
			body.put("message", message(status, id));
			if (status >= 500 && id != null) {
				body.put("requestId", id);
			}
			response.setStatus(status);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getOutputStream().write(JSON.writeValueAsBytes(body));
		}

		static String error(int status) {
			return switch (status) {
				case 401 -> "unauthorized";
				case 403 -> "forbidden";
				case 404 -> "not_found";
				case 405 -> "method_not_allowed";
				case 406 -> "not_acceptable";
				case 413 -> "too_large";
				case 415 -> "unsupported_media_type";
				default -> status >= 500 ? "internal" : "invalid";
			};
		}

		static String message(int status, String requestId) {
			return switch (status) {
				case 401 -> "Send a personal API token as 'Authorization: Bearer <token>'.";
				case 403 -> "You may not do this.";
				case 404 -> "Nothing is here.";
				case 405 -> "This method is not allowed here.";
				case 413 -> "The request is too large.";
				default -> status >= 500
						? "Something went wrong on our side; it has been logged with request id " + requestId + "."
						: "The request could not be read: check its address (no encoded '%', '/', '\\' or ';', "
								+ "no '//' or '..') and its format.";
			};
		}

	}

}
