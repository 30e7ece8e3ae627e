package dev.thoth.platform.web;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.thoth.platform.testapp.PlatformTestApplication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Too many requests get a 429 with Retry-After; a service's public paths need no key. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "THOTH_API_SECRET_KEY=" + RateLimitAndPublicPathTests.KEY,
				"THOTH_WORKSPACE_DIR=${java.io.tmpdir}/thoth-ws", "THOTH_RATE_LIMIT_PER_MINUTE=3",
				"thoth.web.public-paths=/api/v1/teapot" })
class RateLimitAndPublicPathTests {

	static final String KEY = "test-key-0123456789-0123456789-0123456789";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		return LocalRequests.get(this.http, this.port, path, headers);
	}

	@Test
	void theFourthRequestInAMinuteIsRefusedWithRetryAfter() throws Exception {
		// Each test is its own client, through the trusted local proxy.
		String client = "203.0.113.10";
		for (int i = 0; i < 3; i++) {
			assertThat(get("/api/v1/probe", "X-API-Key", KEY, "X-Forwarded-For", client).statusCode()).isEqualTo(200);
		}
		HttpResponse<String> refused = get("/api/v1/probe", "X-API-Key", KEY, "X-Forwarded-For", client);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(refused.body());
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("detail").asString()).contains("3 requests a minute");
		// Another client is not affected.
		assertThat(get("/api/v1/probe", "X-API-Key", KEY, "X-Forwarded-For", "203.0.113.11").statusCode())
			.isEqualTo(200);
	}

	@Test
	void guessingKeysIsLimitedToo() throws Exception {
		String client = "203.0.113.20";
		for (int i = 0; i < 3; i++) {
			assertThat(get("/api/v1/probe", "X-API-Key", "wrong-" + i, "X-Forwarded-For", client).statusCode())
				.isEqualTo(401);
		}
		assertThat(get("/api/v1/probe", "X-API-Key", KEY, "X-Forwarded-For", client).statusCode()).isEqualTo(429);
	}

	@Test
	void healthIsNeverLimited() throws Exception {
		for (int i = 0; i < 6; i++) {
			assertThat(get("/health", "X-Forwarded-For", "203.0.113.30").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aPublicPathNeedsNoKeyWhileOthersStillDo() throws Exception {
		assertThat(get("/api/v1/teapot", "X-Forwarded-For", "203.0.113.40").statusCode()).isEqualTo(418);
		assertThat(get("/api/v1/probe", "X-Forwarded-For", "203.0.113.40").statusCode()).isEqualTo(401);
	}

}
