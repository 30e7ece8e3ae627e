package dev.thoth.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import reactor.core.publisher.Mono;

import dev.thoth.platform.web.ApiKeyVerifier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Requests a minute per API key (THOTH_RATE_LIMIT_PER_MINUTE): counted in Redis when
 * THOTH_REDIS_URL is set, so that every gateway replica shares the count; in this process
 * otherwise.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	static final int TOKENS_PER_REQUEST = 60;

	/**
	 * A token bucket holding a minute's worth of requests: each request costs 60 tokens,
	 * {@code perMinute} tokens come back every second.
	 */
	@Bean
	@Primary
	@ConditionalOnProperty("spring.data.redis.url")
	RateLimiter<?> redisRequestsPerKeyLimiter(@Value("${thoth.rate-limit.requests-per-minute}") int perMinute) {
		int limit = Math.max(1, perMinute);
		return new RedisRateLimiter(limit, limit * TOKENS_PER_REQUEST, TOKENS_PER_REQUEST);
	}

	@Bean
	@Primary
	@ConditionalOnExpression("'${spring.data.redis.url:}'.isEmpty()")
	RateLimiter<?> inProcessRequestsPerKeyLimiter(@Value("${thoth.rate-limit.requests-per-minute}") int perMinute) {
		return new InProcessRateLimiter(Math.max(1, perMinute));
	}

	/**
	 * The client a limit counts against: its API key (as a digest: the key itself is
	 * never stored), or its address when it sends none (authentication off).
	 */
	@Bean
	@Primary
	KeyResolver apiKeyResolver() {
		return (exchange) -> {
			ServerHttpRequest request = exchange.getRequest();
			String key = ApiKeyVerifier.presentedKey(request.getHeaders().getFirst("Authorization"),
					request.getHeaders().getFirst(ApiKeyVerifier.API_KEY_HEADER));
			if (key != null && !key.isEmpty()) {
				return Mono.just("key:" + digest(key));
			}
			InetSocketAddress remote = request.getRemoteAddress();
			return Mono.just("client:" + ((remote != null && remote.getAddress() != null)
					? remote.getAddress().getHostAddress() : "unknown"));
		};
	}

	private static String digest(String key) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
