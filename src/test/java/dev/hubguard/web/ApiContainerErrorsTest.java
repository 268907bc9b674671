package dev.hubguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An API request that fails before Spring MVC sees it (the security firewall refuses its
 * path, Tomcat cannot read it) still gets the API's JSON error, not the HTML error page.
 */
class ApiContainerErrorsTest {

	static MockHttpServletRequest errorDispatch(String failedPath, int status) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setDispatcherType(DispatcherType.ERROR);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, failedPath);
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
		request.addHeader("Accept", "text/html");
		return request;
	}

	@ParameterizedTest
	@CsvSource({ "400,invalid", "404,not_found", "405,method_not_allowed", "413,too_large", "500,internal" })
	void anApiErrorFromTheContainerIsJsonWithItsStatus(int status, String error) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		new ApiContainerErrors.JsonForApi().doFilter(errorDispatch("/api/v1/%25/x", status), response, chain);

		assertThat(chain.getRequest()).as("the HTML error page is not rendered").isNull();
		assertThat(response.getStatus()).isEqualTo(status);
		assertThat(response.getContentType()).startsWith("application/json");
		JsonNode body = JsonMapper.builder().build().readTree(response.getContentAsString());
		assertThat(body.get("error").asString()).isEqualTo(error);
		assertThat(body.get("message").asString()).isNotBlank();
	}

	@Test
	void aPageErrorStillGetsTheErrorPage() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		new ApiContainerErrors.JsonForApi().doFilter(errorDispatch("/abuse/%25", 400), new MockHttpServletResponse(),
				chain);

		assertThat(chain.getRequest()).isNotNull();
	}

}
