package dev.thoth.gateway.ratelimit;

import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.platform.reactive.ReactiveProblems;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code ApiKeyRateLimit}: Spring Cloud Gateway's rate limiter (Redis or in-process) per
 * API key, answering beyond the limit with a 429 problem detail and {@code Retry-After}
 * (the stock {@code RequestRateLimiter} filter answers with an empty body and no
 * {@code Retry-After}).
 */
@Component
class ApiKeyRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	/** One count per key across every route, not one per route. */
	static final String ALL_ROUTES = "gateway";

	private final RateLimiter<?> limiter;

	private final KeyResolver keys;

	private final JsonMapper jsonMapper;

	private final int perMinute;

	ApiKeyRateLimitGatewayFilterFactory(RateLimiter<?> limiter, KeyResolver keys, JsonMapper jsonMapper,
			@Value("${thoth.rate-limit.requests-per-minute}") int perMinute) {
		super(Object.class);
		this.limiter = limiter;
		this.keys = keys;
		this.jsonMapper = jsonMapper;
		this.perMinute = perMinute;
	}

	@Override
	public GatewayFilter apply(Object config) {
		return (exchange, chain) -> {
			if (this.perMinute <= 0) {
				return chain.filter(exchange);
			}
			return this.keys.resolve(exchange)
				.flatMap((key) -> this.limiter.isAllowed(ALL_ROUTES, key))
				.flatMap((response) -> response.isAllowed() ? chain.filter(exchange)
						: tooManyRequests(exchange, retryAfterSeconds(response.getHeaders())));
		};
	}

	private Mono<Void> tooManyRequests(ServerWebExchange exchange, long seconds) {
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return ReactiveProblems.write(this.jsonMapper, exchange, HttpStatus.TOO_MANY_REQUESTS,
				"More than " + this.perMinute + " requests a minute with this API key; retry in " + seconds + " s.");
	}

	/**
	 * The in-process limiter says when; for Redis' token bucket it is the time until the
	 * tokens one request costs have come back.
	 */
	static long retryAfterSeconds(Map<String, String> headers) {
		String retryAfter = headers.get(HttpHeaders.RETRY_AFTER);
		if (retryAfter != null) {
			return Long.parseLong(retryAfter);
		}
		try {
			long remaining = Long.parseLong(headers.get(RedisRateLimiter.REMAINING_HEADER));
			long requested = Long.parseLong(headers.get(RedisRateLimiter.REQUESTED_TOKENS_HEADER));
			long rate = Long.parseLong(headers.get(RedisRateLimiter.REPLENISH_RATE_HEADER));
			return Math.max(1, (long) Math.ceil((requested - remaining) / (double) rate));
		}
		catch (NumberFormatException | NullPointerException ex) {
			return 1;
		}
	}

}
