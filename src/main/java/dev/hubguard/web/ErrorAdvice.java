package dev.hubguard.web;

import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.ForbiddenException;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Turns exceptions into answers people can act on: JSON {@code {error, message, field?}}
 * for the API, an error page otherwise. Never a stack trace.
 */
@ControllerAdvice
class ErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

	private final ObjectProvider<LayoutAdvice> layout;

	/**
	 * @param layout what error pages show around the message; absent in a web slice that
	 * leaves out who is signed in (the page then shows the message alone)
	 */
	ErrorAdvice(ObjectProvider<LayoutAdvice> layout) {
		this.layout = layout;
	}

	@ExceptionHandler(NotFoundException.class)
	Object notFound(NotFoundException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.NOT_FOUND, "not_found", ex.getMessage(), null);
	}

	@ExceptionHandler(NoResourceFoundException.class)
	Object noResource(NoResourceFoundException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.NOT_FOUND, "not_found", "Nothing is here.", null);
	}

	@ExceptionHandler(ConflictException.class)
	Object conflict(ConflictException ex, HttpServletRequest request) {
		Object answer = answer(request, HttpStatus.CONFLICT, "conflict", ex.getMessage(), null);
		if (ex instanceof dev.hubguard.shared.OpenRequestException open) {
			with(answer, "openRequest", open.openRequest());
		}
		return answer;
	}

	@ExceptionHandler({ org.springframework.dao.OptimisticLockingFailureException.class,
			org.springframework.dao.DataIntegrityViolationException.class })
	Object concurrent(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.CONFLICT, "conflict",
				"Someone changed this at the same moment; reload and try again.", null);
	}

	/**
	 * The database or a cluster is unreachable: nothing was changed, and the same request
	 * can be retried.
	 */
	@ExceptionHandler({ org.springframework.dao.DataAccessResourceFailureException.class,
			org.springframework.transaction.CannotCreateTransactionException.class })
	Object unavailable(Exception ex, HttpServletRequest request) {
		log.warn("unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
		return answer(request, HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
				"Hubguard's database cannot be reached right now; nothing was changed. Try again shortly.", null);
	}

	@ExceptionHandler(ForbiddenException.class)
	Object forbidden(ForbiddenException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.FORBIDDEN, "forbidden", ex.getMessage(), null);
	}

	@ExceptionHandler(InvalidInputException.class)
	Object invalid(InvalidInputException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, "invalid", ex.getMessage(), ex.field());
	}

	/**
	 * A JSON body that cannot be read: names the field at fault where Jackson knows it (a
	 * NUL character or a lone surrogate, a value of the wrong type, a key given twice).
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	Object unreadableJson(HttpMessageNotReadableException ex, HttpServletRequest request) {
		if (!(ex.getCause() instanceof JacksonException jackson)) {
			return unreadable(ex, request);
		}
		UnreadableJson.Problem problem = UnreadableJson.describe(jackson);
		return answer(request, HttpStatus.BAD_REQUEST, "invalid", problem.message(), problem.field());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	Object typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		String expected = UnreadableJson.expected(ex.getRequiredType());
		if (expected.equals("a whole number")) {
			expected += " written in decimal digits (0-9)";
		}
		return answer(request, HttpStatus.BAD_REQUEST, "invalid", "'" + ex.getName() + "' must be " + expected + ".",
				ex.getName());
	}

	/** A required query or form field, or header, that the request left out. */
	@ExceptionHandler({ org.springframework.web.bind.MissingServletRequestParameterException.class,
			org.springframework.web.bind.MissingRequestHeaderException.class })
	Object missing(org.springframework.web.bind.ServletRequestBindingException ex, HttpServletRequest request) {
		String name = ex instanceof org.springframework.web.bind.MissingServletRequestParameterException parameter
				? parameter.getParameterName()
				: ((org.springframework.web.bind.MissingRequestHeaderException) ex).getHeaderName();
		return answer(request, HttpStatus.BAD_REQUEST, "invalid", "'" + name + "' is required.", name);
	}

	@ExceptionHandler(BindException.class)
	Object binding(BindException ex, HttpServletRequest request) {
		FieldError error = ex.getFieldError();
		if (error == null) {
			return unreadable(ex, request);
		}
		String message = error.isBindingFailure() ? "'" + error.getField() + "' must be "
				+ UnreadableJson.expected(ex.getFieldType(error.getField())) + "."
				: "'" + error.getField() + "' " + error.getDefaultMessage() + ".";
		return answer(request, HttpStatus.BAD_REQUEST, "invalid", message, error.getField());
	}

	@ExceptionHandler(dev.hubguard.hub.HubRef.Malformed.class)
	Object malformedHub(dev.hubguard.hub.HubRef.Malformed ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, "invalid", ex.getMessage(), "hub");
	}

	/**
	 * The security firewall refuses a parameter only when it is read (a name or value
	 * with characters it does not allow), so in a controller or interceptor, not in the
	 * filter.
	 */
	@ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
	Object rejected(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, "invalid",
				"The request was refused: a parameter's name or value holds characters that are not allowed.", null);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	Object unreadable(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, "invalid", "The request could not be read: check its format.",
				null);
	}

	/** What a person reads when text they sent holds a NUL character. */
	static String nulMessage(String field) {
		return UnreadableJson.refusal(field, JsonInput.Refusal.NUL);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	Object mediaType(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send application/json.",
				null);
	}

	/**
	 * An answer that cannot be given in any type the {@code Accept} header names (or an
	 * {@code Accept} header that cannot be read): a 406 saying what there is. The person
	 * asked for something else; nothing went wrong here, so nothing is logged.
	 */
	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	Object notAcceptable(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.NOT_ACCEPTABLE, "not_acceptable", isApi(request)
				? "The API answers in application/json only: ask for it with 'Accept: application/json', or send no Accept header."
				: "This page is only available as HTML.", null);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	Object method(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "This method is not allowed here.",
				null);
	}

	@ExceptionHandler(Exception.class)
	Object unexpected(Exception ex, HttpServletRequest request) {
		String id = dev.hubguard.shared.RequestIds.of(request);
		log.error("unexpected error on {} {} (request id {})", request.getMethod(), request.getRequestURI(), id, ex);
		Object answer = answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal",
				"Something went wrong on our side; it has been logged with request id " + id + ".", null);
		return with(answer, "requestId", id);
	}

	/**
	 * Adds a detail to an answer: a field of the JSON body, or an attribute of the page.
	 */
	private static Object with(Object answer, String key, Object value) {
		if (answer instanceof ModelAndView page) {
			page.addObject(key, value);
		}
		else if (answer instanceof ResponseEntity<?> entity && entity.getBody() instanceof Map<?, ?> body) {
			@SuppressWarnings("unchecked")
			Map<String, Object> json = (Map<String, Object>) body;
			json.put(key, value);
		}
		return answer;
	}

	/** Under {@code /api/} every answer, error or not, is JSON. */
	private static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/api/");
	}

	private Object answer(HttpServletRequest request, HttpStatus status, String error, String message, String field) {
		if (isApi(request)) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", error);
			body.put("message", message);
			if (field != null) {
				body.put("field", field);
			}
			// Said outright, so no Accept header can stop the error from being written.
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
		}
		ModelAndView page = new ModelAndView(
				status.is4xxClientError() && status != HttpStatus.NOT_FOUND && status != HttpStatus.FORBIDDEN
						? "error/400" : "error/" + status.value());
		page.setStatus(status);
		page.addObject("message", message);
		// Error pages keep the layout: who is signed in, their hubs, the demo banner.
		layout.ifAvailable(parts -> parts.addTo(page::addObject));
		return page;
	}

}
