package dev.thoth.platform.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors that happen outside a controller (in a filter, or a request the container
 * rejects) are problem details too, without internals.
 */
@org.springframework.stereotype.Controller
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		HttpStatus status;
		String detail;
		if (code == null) {
			// Asked for directly rather than dispatched with an error: nothing lives
			// here.
			status = HttpStatus.NOT_FOUND;
			detail = "No resource at " + request.getRequestURI() + ".";
			uri = request.getRequestURI();
		}
		else {
			status = (code instanceof Integer value && HttpStatus.resolve(value) != null) ? HttpStatus.valueOf(value)
					: HttpStatus.INTERNAL_SERVER_ERROR;
			detail = status.is5xxServerError() ? "An unexpected error occurred; quote the request id when reporting it."
					: status.getReasonPhrase();
		}
		ProblemDetail problem = Problems.of(status, detail, (uri != null) ? uri.toString() : null);
		Object requestId = request.getAttribute(RequestIds.MDC_KEY);
		if (requestId != null) {
			problem.setProperty(RequestIds.MDC_KEY, requestId);
		}
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.toJson(problem));
	}

}
