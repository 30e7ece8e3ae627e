package dev.thoth.api.docs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The API describes itself at /api/v1/openapi.json, readable without a key. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiDocumentationTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_API_SECRET_KEY", () -> "docs-test-key-0123456789abcdef0123456789");
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void theOpenApiDocumentDescribesThePaperEndpointsAndBothWaysToSendTheKey() throws Exception {
		HttpResponse<String> response = get("/api/v1/openapi.json");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = this.json.readTree(response.body());
		assertThat(document.get("openapi").asString()).startsWith("3.");
		assertThat(document.get("paths").propertyNames()).contains("/api/v1/papers", "/api/v1/papers/{id}",
				"/api/v1/papers/{id}/references", "/api/v1/papers/{id}/note", "/api/v1/papers/{id}/pdf",
				"/api/v1/papers/{id}/cited-by", "/api/v1/papers/{id}/related");
		JsonNode paper = document.get("paths").get("/api/v1/papers/{id}");
		assertThat(paper.propertyNames()).contains("get", "patch", "delete");
		assertThat(paper.get("delete").get("responses").propertyNames()).contains("204", "404");
		assertThat(document.get("paths").get("/api/v1/papers/{id}/pdf").get("get").get("responses").propertyNames())
			.contains("200", "206", "404");
		for (String schema : List.of("PaperDetails", "PaperSummary")) {
			JsonNode properties = document.get("components").get("schemas").get(schema).get("properties");
			assertThat(properties.has("abstract")).as(schema).isTrue();
			assertThat(properties.get("abstractText").get("deprecated").asBoolean()).as(schema).isTrue();
		}
		JsonNode correction = document.get("components").get("schemas").get("PaperCorrection");
		assertThat(correction.get("additionalProperties").asBoolean()).isFalse();
		assertThat(correction.get("properties").get("year").get("maximum").asInt())
			.isEqualTo(java.time.Year.now().getValue() + 1);
		assertThat(document.get("paths").propertyNames()).allMatch((path) -> path.startsWith("/api/v1/"));
		JsonNode schemes = document.get("components").get("securitySchemes");
		assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
		assertThat(schemes.get("apiKey").get("name").asString()).isEqualTo("X-API-Key");
	}

	@Test
	void uploadsJobsAndEventsAreDescribedWithTheirResponses() throws Exception {
		JsonNode paths = this.json.readTree(get("/api/v1/openapi.json").body()).get("paths");
		JsonNode upload = paths.get("/api/v1/papers").get("post");
		assertThat(upload.get("requestBody").get("content").get("multipart/form-data").get("schema").toString())
			.contains("\"file\"")
			.contains("binary");
		assertThat(upload.get("responses").propertyNames()).contains("202", "400", "413", "415");
		assertThat(paths.get("/api/v1/papers/{id}/reprocess").get("post").get("responses").propertyNames())
			.contains("202", "400", "404", "409");
		assertThat(paths.get("/api/v1/jobs").get("get").get("parameters").toString()).contains("QUARANTINED");
		assertThat(paths.get("/api/v1/jobs/{id}").has("get")).isTrue();
		assertThat(paths.get("/api/v1/events")
			.get("get")
			.get("responses")
			.get("200")
			.get("content")
			.has("text/event-stream")).isTrue();
	}

	@Test
	void theBrowsableDocumentationOpensWithoutAKeyButTheApiDoesNot() throws Exception {
		HttpResponse<String> docs = get("/api/v1/docs");
		assertThat(docs.statusCode()).isEqualTo(302);
		String location = docs.headers().firstValue("Location").orElseThrow();
		assertThat(get(URI.create(location).getPath()).statusCode()).isEqualTo(200);
		assertThat(get("/api/v1/papers").statusCode()).isEqualTo(401);
	}

}
