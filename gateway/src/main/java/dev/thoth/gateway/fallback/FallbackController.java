package dev.thoth.gateway.fallback;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.platform.reactive.ReactiveProblems;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker forwards when its service fails: a problem detail
 * naming the service (503, or 504 when it did not answer in time), never a stack trace.
 */
@RestController
class FallbackController {

	static final String PATH = "/gateway/fallback/";

	private static final Log logger = LogFactory.getLog(FallbackController.class);

	private final JsonMapper jsonMapper;

	FallbackController(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@RequestMapping(PATH + "{service}")
	Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
		Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		if (failure == null) {
			// Reached directly rather than forwarded by a circuit breaker.
			return ReactiveProblems.write(this.jsonMapper, exchange, HttpStatus.NOT_FOUND, "No such path.");
		}
		HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
		String detail;
		if (failure instanceof CallNotPermittedException) {
			detail = "The " + service
					+ " service is failing; the gateway stopped calling it for a while (circuit open).";
		}
		else if (isTimeout(failure)) {
			status = HttpStatus.GATEWAY_TIMEOUT;
			detail = "The " + service + " service did not answer in time.";
		}
		else {
			detail = "The " + service + " service is unavailable.";
		}
		logger.warn("Route to " + service + " failed (" + status.value() + "): " + failure);
		return ReactiveProblems.write(this.jsonMapper, exchange, status, detail, originalPath(exchange));
	}

	/** The path the client asked for, before the forward to this fallback. */
	private static String originalPath(ServerWebExchange exchange) {
		Set<URI> urls = exchange.getAttributeOrDefault(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR,
				Set.of());
		return urls.stream().findFirst().map(URI::getRawPath).orElse(null);
	}

	private static boolean isTimeout(Throwable failure) {
		if (failure instanceof TimeoutException) {
			return true;
		}
		return failure instanceof ResponseStatusException statusException
				&& statusException.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value();
	}

}
