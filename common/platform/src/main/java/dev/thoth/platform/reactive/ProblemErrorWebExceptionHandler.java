package dev.thoth.platform.reactive;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Errors raised outside a controller (in a filter, in the gateway's routing) answer as
 * problem details with the exchange's request id, as everything else does, instead of
 * Spring Boot's default JSON with a request id of its own.
 */
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemErrorWebExceptionHandler.class);

	private final JsonMapper jsonMapper;

	ProblemErrorWebExceptionHandler(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
		String detail = "An unexpected error occurred; quote the request id when reporting it.";
		if (ex instanceof ResponseStatusException statusException
				&& HttpStatus.resolve(statusException.getStatusCode().value()) != null) {
			status = HttpStatus.valueOf(statusException.getStatusCode().value());
			if (!status.is5xxServerError()) {
				detail = (statusException.getReason() != null) ? statusException.getReason() : status.getReasonPhrase();
			}
		}
		if (status.is5xxServerError()) {
			log.error("Unexpected error handling " + exchange.getRequest().getMethod() + " "
					+ exchange.getRequest().getPath().value(), ex);
		}
		exchange.getResponse().getHeaders().clear();
		return ReactiveProblems.write(this.jsonMapper, exchange, status, detail);
	}

}
