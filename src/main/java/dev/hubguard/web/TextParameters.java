package dev.hubguard.web;

import dev.hubguard.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses any form field or query parameter that contains a NUL character (which
 * PostgreSQL cannot store in text) before a controller runs: one check for every page and
 * API route, answered as a 400 naming the field. Parameters that cannot be decoded at all
 * are a 400 too.
 */
@Configuration(proxyBeanMethods = false)
class TextParameters implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new NulCheck());
	}

	static final class NulCheck implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			Map<String, String[]> parameters;
			try {
				parameters = request.getParameterMap();
			}
			catch (IllegalStateException ex) {
				// Tomcat's InvalidParameterException: bytes that are not UTF-8, a bad
				// %-escape.
				throw new InvalidInputException(null,
						"The query or form parameters could not be read: send them as %-encoded UTF-8.");
			}
			for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
				String name = parameter.getKey();
				if (name.indexOf('\0') >= 0) {
					throw new InvalidInputException(null, "A field name contains a NUL character; remove it.");
				}
				for (String value : parameter.getValue()) {
					if (value != null && value.indexOf('\0') >= 0) {
						throw new InvalidInputException(name, ErrorAdvice.nulMessage(name));
					}
				}
			}
			return true;
		}

	}

}
