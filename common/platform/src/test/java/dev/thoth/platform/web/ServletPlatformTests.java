package dev.thoth.platform.web;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

/** What every servlet service gets from the platform, over real HTTP. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "THOTH_API_SECRET_KEY=" + ServletPlatformTests.KEY,
				"THOTH_WORKSPACE_DIR=${java.io.tmpdir}/thoth-ws", "THOTH_CORS_ORIGINS=https://app.example",
				"spring.application.name=platform-test" })
class ServletPlatformTests {

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
	void healthIsOpenAndListsItsComponents() throws Exception {
		HttpResponse<String> response = get("/health");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("status").asString()).isEqualTo("UP");
		assertThat(body.get("components").has("diskSpace")).isTrue();
		assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
		assertThat(get("/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void metricsArePrometheusTextTaggedWithApplicationAndInstance() throws Exception {
		HttpResponse<String> response = get("/metrics");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).contains("jvm_memory_used_bytes{")
			.contains("application=\"platform-test\"")
			.contains("instance=\"");
		// The disk alert watches the disk the workspace is on, not the working directory.
		String workspace = Path.of(System.getProperty("java.io.tmpdir"), "thoth-ws")
			.toAbsolutePath()
			.normalize()
			.toString();
		assertThat(response.body().lines().filter((line) -> line.startsWith("disk_free_bytes{"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("path=\"" + workspace));
	}

	@Test
	void nothingElseFromActuatorIsExposed() throws Exception {
		for (String path : new String[] { "/env", "/beans", "/actuator", "/actuator/env", "/configprops",
				"/heapdump" }) {
			assertThat(get(path, "X-API-Key", KEY).statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void anUnsupportedMethodIs405WithAllowAndARejectedPathA400Problem() throws Exception {
		HttpResponse<String> query = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/probe"))
				.method("QUERY", HttpRequest.BodyPublishers.noBody())
				.header("X-API-Key", KEY)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(query.statusCode()).isEqualTo(405);
		assertThat(query.headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("GET"));
		HttpResponse<String> rejected = get("/api/v1/%2e%2e/probe", "X-API-Key", KEY);
		assertThat(rejected.statusCode()).isEqualTo(400);
		assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aGoodKeyBesideABadCredentialIsRefused() throws Exception {
		assertThat(get("/api/v1/probe", "X-API-Key", KEY, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
		assertThat(get("/api/v1/probe", "X-API-Key", KEY, "Authorization", "Basic dXNlcjpwYXNz").statusCode())
			.isEqualTo(401);
		assertThat(get("/api/v1/probe", "X-API-Key", KEY, "Authorization", "Bearer " + KEY).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aRequestWithoutTheKeyGetsA401ProblemDetail() throws Exception {
		HttpResponse<String> response = get("/api/v1/probe");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(401);
		assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
		assertThat(problem.get("requestId").asString())
			.isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
	}

	@Test
	void aWrongKeyIsRefused() throws Exception {
		assertThat(get("/api/v1/probe", "X-API-Key", KEY + "x").statusCode()).isEqualTo(401);
		assertThat(get("/api/v1/probe", "Authorization", "Bearer nope").statusCode()).isEqualTo(401);
		assertThat(get("/api/v1/probe", "Authorization", "Basic " + KEY).statusCode()).isEqualTo(401);
	}

	@Test
	void theKeyIsAcceptedAsBearerOrXApiKey() throws Exception {
		assertThat(get("/api/v1/probe", "Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/probe", "X-API-Key", KEY).statusCode()).isEqualTo(200);
	}

	@Test
	void requestsRunOnVirtualThreads() throws Exception {
		JsonNode body = this.json.readTree(get("/api/v1/probe", "X-API-Key", KEY).body());
		assertThat(body.get("thread").asBoolean()).isTrue();
	}

	@Test
	void aWellFormedRequestIdIsKeptAndAHostileOneReplaced() throws Exception {
		HttpResponse<String> kept = get("/api/v1/probe", "X-API-Key", KEY, "X-Request-Id", "abc-123.def");
		assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("abc-123.def");
		assertThat(this.json.readTree(kept.body()).get("requestId").asString()).isEqualTo("abc-123.def");

		HttpResponse<String> replaced = get("/api/v1/probe", "X-API-Key", KEY, "X-Request-Id", "bad id<script>");
		String generated = replaced.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(generated).matches("[0-9a-f-]{36}");
		assertThat(this.json.readTree(replaced.body()).get("requestId").asString()).isEqualTo(generated);
	}

	@Test
	void anUnexpectedErrorIsA500ProblemWithoutInternals() throws Exception {
		HttpResponse<String> response = get("/api/v1/fail", "X-API-Key", KEY);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).doesNotContain("internal detail").doesNotContain("IllegalStateException");
		assertThat(this.json.readTree(response.body()).has("requestId")).isTrue();
	}

	@Test
	void aBadParameterIsA400Problem() throws Exception {
		HttpResponse<String> response = get("/api/v1/count?n=lots", "X-API-Key", KEY);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aMultipartBodyTheContainerCannotParseIsA400Problem() throws Exception {
		String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n";
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/upload"))
				.timeout(Duration.ofSeconds(10))
				.header("X-API-Key", KEY)
				.header("Content-Type", "multipart/form-data; boundary=b")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).has("requestId")).isTrue();
	}

	@Test
	void aMultipartBodyThatEndsEarlyIsTheClientsErrorNotTheServers() throws Exception {
		String part = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n%PDF-1.4 the rest never comes";
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(15_000);
			socket.getOutputStream()
				.write(("POST /api/v1/upload HTTP/1.1\r\nHost: x\r\nX-API-Key: " + KEY
						+ "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n" + part)
					.getBytes(StandardCharsets.US_ASCII));
			socket.shutdownOutput();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
		}
	}

	@Test
	void anUnknownPathIsA404Problem() throws Exception {
		HttpResponse<String> response = get("/api/v1/nowhere", "X-API-Key", KEY);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void anErrorOutsideAControllerIsAProblemToo() throws Exception {
		HttpResponse<String> response = get("/api/v1/teapot", "X-API-Key", KEY, "X-Request-Id", "teapot-1");
		assertThat(response.statusCode()).isEqualTo(418);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(418);
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/teapot");
		assertThat(problem.get("requestId").asString()).isEqualTo("teapot-1");
	}

	@Test
	void corsAllowsOnlyTheConfiguredOrigins() throws Exception {
		HttpResponse<String> allowed = get("/api/v1/probe", "X-API-Key", KEY, "Origin", "https://app.example");
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
		HttpResponse<String> other = get("/api/v1/probe", "X-API-Key", KEY, "Origin", "https://evil.example");
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

}
