package dev.thoth.gateway.fallback;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import dev.thoth.gateway.bodylimit.BodyTooLargeException;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The routes' circuit breakers. Their time limiter is off
 * ({@code spring.cloud.circuitbreaker.resilience4j.disable-time-limiter}): it would time
 * the whole exchange, body included, and so cut streams and long uploads; each route's
 * {@code response-timeout} (time to the response headers) is the timeout instead, and
 * counts as a failure.
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakerConfiguration {

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> routeCircuitBreakers(CircuitBreakerProperties properties) {
		CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.custom()
			.failureRateThreshold(properties.failureRatePercent())
			.slidingWindowSize(properties.slidingWindow())
			.minimumNumberOfCalls(properties.minimumCalls())
			.waitDurationInOpenState(properties.openFor())
			// The client's fault, not the service's.
			.ignoreExceptions(BodyTooLargeException.class)
			.build();
		return (factory) -> factory
			.configureDefault((id) -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(circuitBreaker)
				.timeLimiterConfig(TimeLimiterConfig.ofDefaults())
				.build());
	}

}
