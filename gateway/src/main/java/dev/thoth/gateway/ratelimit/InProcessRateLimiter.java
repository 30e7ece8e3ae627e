package dev.thoth.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.http.HttpHeaders;

/**
 * The limit kept in this process (one gateway, no Redis): {@code requestsPerMinute} per
 * key, the same Resilience4j limiter the services use per client.
 */
final class InProcessRateLimiter implements RateLimiter<Object> {

	private final RateLimiterConfig config;

	/** Idle keys are forgotten, so the table cannot grow without bound. */
	private final Cache<String, AtomicRateLimiter> limiters = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.maximumSize(100_000)
		.build();

	InProcessRateLimiter(int requestsPerMinute) {
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(requestsPerMinute)
			.limitRefreshPeriod(Duration.ofMinutes(1))
			.timeoutDuration(Duration.ZERO)
			.build();
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		AtomicRateLimiter limiter = this.limiters.get(id, (key) -> new AtomicRateLimiter("gateway", this.config));
		if (limiter.acquirePermission()) {
			return Mono.just(new Response(true, Map.of()));
		}
		long waitNanos = limiter.getDetailedMetrics().getNanosToWait();
		long seconds = Math.max(1, (long) Math.ceil(waitNanos / 1_000_000_000.0));
		return Mono.just(new Response(false, Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds))));
	}

	@Override
	public Map<String, Object> getConfig() {
		return Map.of();
	}

	@Override
	public Class<Object> getConfigClass() {
		return Object.class;
	}

	@Override
	public Object newConfig() {
		return new Object();
	}

}
