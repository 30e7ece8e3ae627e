package dev.thoth.api.search;

import dev.thoth.platform.web.Problems;
import dev.thoth.vectorstore.index.SearchIndexUnavailableException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** No index to search yet (a new replica builds its first): 503, try again shortly. */
@RestControllerAdvice
class SearchIndexProblems {

	@ExceptionHandler(SearchIndexUnavailableException.class)
	ResponseEntity<ProblemDetail> unavailable(SearchIndexUnavailableException ex, HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage(), request.getRequestURI()));
	}

}
