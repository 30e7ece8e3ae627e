package dev.thoth.platform.web;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.MDC;

import dev.thoth.platform.input.InputProblems;
import dev.thoth.platform.input.InvalidInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a Thoth service returns is an RFC 9457 problem detail carrying the request
 * id; an unexpected failure is logged and answered without internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemDetailsAdvice.class);

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Object> handleIllegalArgument(IllegalArgumentException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/** Text that breaks the input rules: a 400 naming the field, as validation does. */
	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Object> handleInvalidInput(InvalidInputException ex, WebRequest request) {
		return validationProblem(ex, List.of(Map.of("field", ex.field(), "message", ex.problem())), new HttpHeaders(),
				HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Method validation through {@code @Validated} beans: still a 400 naming the field.
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getConstraintViolations().forEach((violation) -> {
			String path = violation.getPropertyPath().toString();
			errors.add(Map.of("field", path.substring(path.lastIndexOf('.') + 1), "message",
					String.valueOf(violation.getMessage())));
		});
		return validationProblem(ex, errors, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/** Tomcat could not parse the query string (a parameter without a name, say). */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> handleMalformedParameters(InvalidParameterException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The query string is malformed: " + ex.getMessage());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A multipart body the container cannot parse (a file name with a NUL byte, a broken
	 * boundary) is the client's error; a body over the size limit stays a 413, handled by
	 * the more specific mapping of the base class. A part the container could not store
	 * (a full disk, a temporary folder it cannot write) is the server's: a 507 the
	 * operator is told about, not a 400 that blames the file.
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> handleMultipart(MultipartException ex, WebRequest request) {
		if (isStorageFailure(ex)) {
			log.error("An upload could not be stored in the servlet container's temporary folder (a full disk?); "
					+ "answered 507: " + NestedExceptionUtils.getMostSpecificCause(ex));
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INSUFFICIENT_STORAGE,
					"The server could not store the upload (its temporary storage failed, e.g. a full disk); "
							+ "nothing was kept. Try again once the operator has freed space.");
			return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INSUFFICIENT_STORAGE, request);
		}
		String detail = "The multipart request could not be read: a malformed body or an invalid file name.";
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			// Tomcat's own exception, named rather than imported to stay
			// container-neutral.
			if (cause.getClass().getSimpleName().equals("FileCountLimitExceededException")) {
				detail = "The multipart request has too many parts.";
			}
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Whether the container failed on its side while taking the parts: an I/O failure
	 * that is neither the client's (the body ended early: Tomcat's ClientAbortException
	 * around an EOF; or stopped arriving: a timeout, which Tomcat answers with a 408) nor
	 * the parser's complaint about the body (a malformed stream, a bad file name, a
	 * limit: IOExceptions of Tomcat's fileupload packages, named rather than imported to
	 * stay container-neutral). What remains is writing: a full disk, a temporary folder
	 * that is gone.
	 */
	private static boolean isStorageFailure(MultipartException ex) {
		boolean serverSide = false;
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause.getClass().getSimpleName().equals("ClientAbortException") || cause instanceof EOFException
					|| cause instanceof SocketTimeoutException) {
				return false;
			}
			if (cause instanceof IOException && !cause.getClass().getName().contains(".fileupload.")) {
				serverSide = true;
			}
		}
		return serverSide;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error handling " + request.getDescription(false), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred; quote the request id when reporting it.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	/** A body that is not JSON, or does not fit its type: which field, what it wants. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, InputProblems.unreadableBody(ex));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/** A parameter or path variable that does not convert: its name and expected type. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: String.valueOf(ex.getPropertyName());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, InputProblems.typeMismatch(ex, name));
		problem.setProperty("errors", List.of(Map.of("field", name, "message", problem.getDetail())));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * Names each invalid parameter and what is wrong with it, in the detail and as a
	 * list.
	 */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach((error) -> errors
					.add(Map.of("field", String.valueOf(name), "message", String.valueOf(error.getDefaultMessage()))));
		});
		return validationProblem(ex, errors, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors
				.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()))));
		return validationProblem(ex, errors, headers, status, request);
	}

	private ResponseEntity<Object> validationProblem(Exception ex, List<Map<String, String>> errors,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = errors.stream()
			.map((error) -> error.get("field") + ": " + error.get("message"))
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail.isEmpty() ? "Invalid request" : detail);
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			String requestId = MDC.get(RequestIds.MDC_KEY);
			if (requestId != null) {
				problem.setProperty(RequestIds.MDC_KEY, requestId);
			}
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

}
