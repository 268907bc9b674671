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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns exceptions into answers people can act on: JSON {@code {error, message, field?}}
 * for the API, an error page otherwise. Never a stack trace.
 */
@ControllerAdvice
class ErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

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
		return answer(request, HttpStatus.CONFLICT, "conflict", ex.getMessage(), null);
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

	@ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
			BindException.class, IllegalArgumentException.class })
	Object unreadable(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, "invalid", "The request could not be read: check its format.",
				null);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	Object mediaType(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send application/json.",
				null);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	Object method(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "This method is not allowed here.",
				null);
	}

	@ExceptionHandler(Exception.class)
	Object unexpected(Exception ex, HttpServletRequest request) {
		log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal",
				"Something went wrong on our side; it has been logged.", null);
	}

	private static Object answer(HttpServletRequest request, HttpStatus status, String error, String message,
			String field) {
		if (request.getRequestURI().startsWith("/api/")) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", error);
			body.put("message", message);
			if (field != null) {
				body.put("field", field);
			}
			return ResponseEntity.status(status).body(body);
		}
		ModelAndView page = new ModelAndView(
				status.is4xxClientError() && status != HttpStatus.NOT_FOUND && status != HttpStatus.FORBIDDEN
						? "error/400" : "error/" + status.value());
		page.setStatus(status);
		page.addObject("message", message);
		return page;
	}

}
