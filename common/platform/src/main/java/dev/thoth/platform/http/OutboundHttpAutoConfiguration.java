package dev.thoth.platform.http;

import java.io.IOException;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Outbound HTTP for every service: timeouts (spring.http.clients.*), retries with
 * backoff, a circuit breaker per target, request-id propagation, all with metrics.
 */
@AutoConfiguration
public class OutboundHttpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerRegistry thothCircuitBreakerRegistry(ObjectProvider<MeterRegistry> meterRegistry) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowSize(20)
			.minimumNumberOfCalls(10)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.permittedNumberOfCallsInHalfOpenState(3)
			.recordExceptions(IOException.class)
			.build());
		meterRegistry
			.ifAvailable((meters) -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters));
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	RetryRegistry thothRetryRegistry(ObjectProvider<MeterRegistry> meterRegistry) {
		RetryRegistry registry = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(3)
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5,
					Duration.ofSeconds(2)))
			.retryExceptions(IOException.class)
			.ignoreExceptions(CallNotPermittedException.class)
			.build());
		meterRegistry.ifAvailable((meters) -> TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters));
		return registry;
	}

	@Bean
	RestClientCustomizer thothResilientRestClientCustomizer(CircuitBreakerRegistry circuitBreakers,
			RetryRegistry retries) {
		ResilientHttpInterceptor interceptor = new ResilientHttpInterceptor(circuitBreakers, retries);
		return (builder) -> builder.requestInterceptor(interceptor);
	}

}
