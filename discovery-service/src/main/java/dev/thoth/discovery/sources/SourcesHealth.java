package dev.thoth.discovery.sources;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /health}'s {@code discoverySources}: each source configured or not (with why
 * not), and its circuit breaker. A source that is not configured or failing does not make
 * the service DOWN: the others go on.
 */
@Component("discoverySources")
class SourcesHealth implements HealthIndicator {

	private final PaperSources sources;

	private final CircuitBreakerRegistry breakers;

	private final Pacer pacer;

	SourcesHealth(PaperSources sources, CircuitBreakerRegistry breakers, Pacer pacer) {
		this.sources = sources;
		this.breakers = breakers;
		this.pacer = pacer;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up().withDetail("pacing", this.pacer.scope());
		for (PaperSource source : this.sources.all()) {
			Map<String, Object> detail = new LinkedHashMap<>();
			source.notConfigured().ifPresentOrElse((reason) -> {
				detail.put("status", "not configured");
				detail.put("reason", reason);
			}, () -> detail.put("status", "configured"));
			detail.put("circuitBreaker",
					this.breakers.circuitBreaker("source:" + source.name()).getState().name().toLowerCase());
			health.withDetail(source.name(), detail);
		}
		return health.build();
	}

}
