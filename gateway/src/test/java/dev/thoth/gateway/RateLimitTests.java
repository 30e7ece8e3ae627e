package dev.thoth.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.thoth.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/** Without Redis the gateway counts each key's requests in process. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitTests {

	static final String KEY = "rate-limit-test-key-" + UUID.randomUUID();

	static final int API_PORT = FreePorts.next();

	static final Upstream api = new Upstream("api", "127.0.0.1", API_PORT);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("THOTH_API_SECRET_KEY", () -> KEY);
		registry.add("THOTH_API_URL", () -> "http://127.0.0.1:" + API_PORT);
		registry.add("THOTH_RATE_LIMIT_PER_MINUTE", () -> "3");
	}

	@AfterAll
	static void stop() {
		api.close();
	}

	@Test
	void beyondTheLimitAKeyGetsATooManyRequestsProblemWithRetryAfter() throws Exception {
		assertLimitedAfterThree(this.port, KEY);
	}

	static void assertLimitedAfterThree(int port, String key) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/papers"))
			.header("Authorization", "Bearer " + key)
			.timeout(Duration.ofSeconds(20))
			.build();
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
		HttpResponse<String> limited = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 60L);
		JsonNode problem = JsonMapper.builder().build().readTree(limited.body());
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("detail").asString()).contains("3 requests a minute")
			.contains("retry in " + retryAfter + " s");
		// Health is never limited.
		HttpResponse<String> health = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
	}

}
