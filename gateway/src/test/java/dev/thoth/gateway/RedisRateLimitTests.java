package dev.thoth.gateway;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.thoth.testsupport.FreePorts;
import dev.thoth.testsupport.TestServers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With THOTH_REDIS_URL the count lives in the real Redis, shared by every gateway
 * replica.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisRateLimitTests {

	static final String KEY = "redis-rate-limit-test-key-" + UUID.randomUUID();

	static {
		// Read when the environment is prepared, before dynamic properties are added.
		System.setProperty("THOTH_REDIS_URL", TestServers.redisUrl());
	}

	static final int API_PORT = FreePorts.next();

	static final Upstream api = new Upstream("api", "127.0.0.1", API_PORT);

	@LocalServerPort
	int port;

	@Autowired
	RateLimiter<?> limiter;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("THOTH_API_SECRET_KEY", () -> KEY);
		registry.add("THOTH_API_URL", () -> "http://127.0.0.1:" + API_PORT);
		registry.add("THOTH_RATE_LIMIT_PER_MINUTE", () -> "3");
	}

	@AfterAll
	static void stop() {
		System.clearProperty("THOTH_REDIS_URL");
		api.close();
	}

	@Test
	void theLimitIsKeptInRedis() throws Exception {
		assertThat(this.limiter).isInstanceOf(RedisRateLimiter.class);
		RateLimitTests.assertLimitedAfterThree(this.port, KEY);
		// The bucket of this key (by digest, never the key itself) is in Redis.
		assertThat(this.redis.keys("request_rate_limiter.{gateway.key:*}.tokens").collectList().block()).isNotEmpty()
			.noneMatch((name) -> name.contains(KEY));
	}

}
