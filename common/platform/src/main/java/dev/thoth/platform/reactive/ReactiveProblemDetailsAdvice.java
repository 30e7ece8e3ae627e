package dev.thoth.platform.reactive;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * The reactive side's problem details (a path no route serves, a method a path does not
 * take) carry the request id, as the servlet services' do.
 */
@RestControllerAdvice
class ReactiveProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	@Override
	protected Mono<ResponseEntity<Object>> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		if (body instanceof ProblemDetail problem) {
			if (status.value() == HttpStatus.NOT_FOUND.value()) {
				// The framework's text speaks of static resources, which the gateway has
				// none of.
				problem.setDetail("Nothing is served at " + exchange.getRequest().getPath().value() + ".");
			}
			ReactiveProblems.withRequestId(exchange, problem);
		}
		return super.createResponseEntity(body, headers, status, exchange);
	}

}
