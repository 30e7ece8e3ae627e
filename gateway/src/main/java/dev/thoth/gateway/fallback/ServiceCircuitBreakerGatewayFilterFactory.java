package dev.thoth.gateway.fallback;

import java.util.List;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.gateway.bodylimit.BodyTooLargeException;
import dev.thoth.platform.reactive.ReactiveProblems;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code ServiceCircuitBreaker=name}: the route's call to its service goes through that
 * service's circuit breaker, and a failure is answered right here with a problem detail
 * naming the service (503, or 504 when it did not answer in time).
 *
 * <p>
 * Written instead of Spring Cloud Gateway's {@code CircuitBreaker} filter because that
 * one caches every request body in memory (so that it can forward the request to a
 * fallback URI), which ran the gateway out of direct memory on large uploads. Answering
 * in place needs no second dispatch, so bodies stream through untouched.
 */
@Component
class ServiceCircuitBreakerGatewayFilterFactory
		extends AbstractGatewayFilterFactory<ServiceCircuitBreakerGatewayFilterFactory.Config> {

	private static final Log logger = LogFactory.getLog(ServiceCircuitBreakerGatewayFilterFactory.class);

	private final ReactiveCircuitBreakerFactory<?, ?> circuitBreakers;

	private final JsonMapper jsonMapper;

	ServiceCircuitBreakerGatewayFilterFactory(ReactiveCircuitBreakerFactory<?, ?> circuitBreakers,
			JsonMapper jsonMapper) {
		super(Config.class);
		this.circuitBreakers = circuitBreakers;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("name");
	}

	@Override
	public GatewayFilter apply(Config config) {
		String service = config.getName();
		return (exchange, chain) -> this.circuitBreakers.create(service)
			.run(chain.filter(exchange), (failure) -> answer(exchange, service, failure));
	}

	private Mono<Void> answer(ServerWebExchange exchange, String service, Throwable failure) {
		if (exchange.getResponse().isCommitted()) {
			// The service had started answering (a stream cut short): nothing can be
			// added.
			return Mono.error(failure);
		}
		HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
		String detail;
		if (failure instanceof BodyTooLargeException tooLarge) {
			exchange.getResponse().getHeaders().clear();
			BodyTooLargeException.closeConnectionAfterAnswer(exchange);
			return ReactiveProblems.write(this.jsonMapper, exchange, HttpStatus.CONTENT_TOO_LARGE,
					tooLarge.getReason());
		}
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
		exchange.getResponse().getHeaders().clear();
		return ReactiveProblems.write(this.jsonMapper, exchange, status, detail);
	}

	private static boolean isTimeout(Throwable failure) {
		if (failure instanceof TimeoutException) {
			return true;
		}
		return failure instanceof ResponseStatusException statusException
				&& statusException.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value();
	}

	static class Config {

		private String name;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

}
