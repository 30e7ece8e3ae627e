package dev.thoth.platform.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.thoth.platform.web.RequestIds;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retries, circuit breaking and request-id propagation against a real local HTTP server.
 */
class ResilientHttpInterceptorTests {

	private HttpServer server;

	private final AtomicInteger hits = new AtomicInteger();

	private final List<String> requestIds = new CopyOnWriteArrayList<>();

	private volatile int failuresBeforeSuccess;

	private RestClient client;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			int hit = this.hits.incrementAndGet();
			this.requestIds.add(String.valueOf(exchange.getRequestHeaders().getFirst(RequestIds.HEADER)));
			int status = (hit <= this.failuresBeforeSuccess) ? 503 : 200;
			byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
			if (status == 503 && exchange.getRequestURI().getPath().equals("/problem")) {
				exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
				body = "{\"status\":503,\"detail\":\"The API, which holds the \\\"queries\\\", cannot be reached\"}"
					.getBytes(StandardCharsets.UTF_8);
			}
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(1000);
		requests.setReadTimeout(2000);
		CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowSize(4)
			.minimumNumberOfCalls(4)
			.failureRateThreshold(50)
			.recordExceptions(IOException.class)
			.build());
		RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(3)
			.waitDuration(java.time.Duration.ofMillis(10))
			.retryExceptions(IOException.class)
			.ignoreExceptions(io.github.resilience4j.circuitbreaker.CallNotPermittedException.class)
			.build());
		this.client = RestClient.builder()
			.requestFactory(requests)
			.baseUrl("http://127.0.0.1:" + this.server.getAddress().getPort())
			.requestInterceptor(new ResilientHttpInterceptor(circuitBreakers, retries))
			.build();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
		MDC.clear();
	}

	@Test
	void aGetIsRetriedUntilItSucceeds() {
		this.failuresBeforeSuccess = 2;
		assertThat(this.client.get().uri("/thing").retrieve().body(String.class)).isEqualTo("ok");
		assertThat(this.hits).hasValue(3);
	}

	@Test
	void aPostIsNotRetried() {
		this.failuresBeforeSuccess = 1;
		assertThatThrownBy(() -> this.client.post().uri("/thing").body("x").retrieve().toBodilessEntity())
			.isInstanceOf(ResourceAccessException.class)
			.hasMessageContaining("answered HTTP 503");
		assertThat(this.hits).hasValue(1);
	}

	@Test
	void aProblemAnswerNamesTheDownstreamReason() {
		this.failuresBeforeSuccess = 1;
		assertThatThrownBy(() -> this.client.post().uri("/problem").body("x").retrieve().toBodilessEntity())
			.isInstanceOf(ResourceAccessException.class)
			.hasMessageContaining("answered HTTP 503 (The API, which holds the \"queries\", cannot be reached)");
	}

	@Test
	void theCircuitOpensAfterRepeatedFailuresAndNamesTheTarget() {
		this.failuresBeforeSuccess = Integer.MAX_VALUE;
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> this.client.get().uri("/thing").retrieve().toBodilessEntity())
				.isInstanceOf(ResourceAccessException.class);
		}
		int hitsWhenOpened = this.hits.get();
		assertThatThrownBy(() -> this.client.get().uri("/thing").retrieve().toBodilessEntity())
			.isInstanceOf(ResourceAccessException.class)
			.hasMessageContaining("127.0.0.1:" + this.server.getAddress().getPort())
			.hasMessageContaining("circuit breaker is open");
		assertThat(this.hits).hasValue(hitsWhenOpened);
	}

	@Test
	void theRequestIdIsPassedOn() {
		MDC.put(RequestIds.MDC_KEY, "req-42");
		this.client.get().uri("/thing").retrieve().toBodilessEntity();
		assertThat(this.requestIds).containsExactly("req-42");
	}

}
