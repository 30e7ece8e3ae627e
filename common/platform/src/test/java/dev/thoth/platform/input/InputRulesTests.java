package dev.thoth.platform.input;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.platform.testapp.PlatformTestApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one input rule and the errors that say what was wrong, over real HTTP: every
 * refusal is a 400 problem naming the parameter or field, never a 500 or a 409.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "THOTH_API_SECRET_KEY=" + InputRulesTests.KEY, "THOTH_WORKSPACE_DIR=${java.io.tmpdir}/thoth-ws",
				"spring.application.name=platform-test" })
class InputRulesTests {

	static final String KEY = "input-key-0123456789-0123456789-0123456789";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Test
	void controlCharactersInAnyQueryParameterAreA400NamingIt() throws Exception {
		for (String value : new String[] { "%00", "a%00b", "%01", "%1F", "%7F", "%C2%85", "line%0Abreak" }) {
			JsonNode problem = problem(get("/api/v1/ids?q=" + value), 400);
			assertThat(problem.get("detail").asString()).startsWith("q: must not contain control characters");
		}
		// A name with a control character is refused too, without echoing it.
		JsonNode problem = problem(get("/api/v1/ids?bad%00name=1"), 400);
		assertThat(problem.get("detail").asString()).contains("parameter name").doesNotContain("\u0000");
		// Letters of any script, symbols and direction marks are text.
		HttpResponse<String> fine = get("/api/v1/ids?q=%E6%B0%94%E5%AD%94%20%E2%80%8F%D7%A9%D7%9C%D7%95%D7%9D");
		assertThat(fine.statusCode()).isEqualTo(200);
	}

	@Test
	void aMalformedPercentEncodingIsA400Problem() throws Exception {
		// Sent by hand: HTTP clients refuse to build such a URI.
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET /api/v1/ids?q=%zz HTTP/1.1\r\nHost: x\r\nX-API-Key: " + KEY
						+ "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
		}
	}

	@Test
	void uuidListsNameTheParameterAndTheValueThatFailed() throws Exception {
		for (String value : new String[] { "%2C", "%20", "%2C%20", "1-2-3-4-5" }) {
			JsonNode problem = problem(get("/api/v1/ids?id=" + value), 400);
			assertThat(problem.get("detail").asString()).startsWith("id: ").contains("is not a UUID");
		}
		JsonNode repeated = problem(get("/api/v1/ids?id=9b1c6a4e-7a43-4d57-9c51-0d7e0c9b7a11&id=bad"), 400);
		assertThat(repeated.get("detail").asString()).isEqualTo("id: 'bad' is not a UUID.").doesNotContain("[Ljava");
		assertThat(get("/api/v1/ids?id=9b1c6a4e-7a43-4d57-9c51-0d7e0c9b7a11").statusCode()).isEqualTo(200);
		// An empty parameter is no parameter, as Spring reads it.
		assertThat(get("/api/v1/ids?id=").body()).contains("\"ids\":[]");
	}

	@Test
	void typeErrorsNameTheParameterAndTheExpectedType() throws Exception {
		JsonNode problem = problem(get("/api/v1/count?n=x"), 400);
		assertThat(problem.get("detail").asString()).isEqualTo("n: 'x' is not an integer.");
		problem = problem(get("/api/v1/count?n=99999999999999999999999"), 400);
		assertThat(problem.get("detail").asString()).startsWith("n: ").endsWith("is not an integer.");
	}

	@Test
	void jsonTypeErrorsNameTheFieldAndTheExpectedType() throws Exception {
		assertThat(problem(post("{\"year\":\"x\"}"), 400).get("detail").asString())
			.isEqualTo("year: 'x' is not an integer.");
		assertThat(problem(post("{\"ref\":\"not-uuid\"}"), 400).get("detail").asString()).startsWith("ref: ")
			.contains("UUID");
		assertThat(problem(post("{\"tags\":\"one\"}"), 400).get("detail").asString()).startsWith("tags: ");
		assertThat(problem(post("{\"nested\":{\"children\":[{\"note\":[1]}]}}"), 400).get("detail").asString())
			.startsWith("nested.children[0].note: ");
		assertThat(problem(post("{\"name\":"), 400).get("detail").asString()).isNotBlank();
		assertThat(problem(post("[1,2]"), 400).get("detail").asString()).startsWith("body: ");
		// An empty string read into a list of UUIDs (or a null) leaves no hole in the
		// list.
		assertThat(problem(post("{\"tags\":[\"a\",null]}"), 400).get("detail").asString())
			.isEqualTo("tags[1]: must not be empty or null");
		assertThat(problem(post("{\"refs\":[\"\"]}"), 400).get("detail").asString())
			.isEqualTo("refs[0]: must not be empty or null");
	}

	@Test
	void controlCharactersInJsonStringsAreA400NamingTheField() throws Exception {
		assertThat(problem(post("{\"name\":\"a\\u0000b\"}"), 400).get("detail").asString())
			.isEqualTo("name: must not contain control characters (U+0000)");
		assertThat(problem(post("{\"tags\":[\"ok\",\"\\u0007\"]}"), 400).get("detail").asString())
			.startsWith("tags[1]: ");
		assertThat(problem(post("{\"nested\":{\"children\":[{\"note\":\"\\ud800\"}]}}"), 400).get("detail").asString())
			.isEqualTo("nested.children[0].note: must not contain an unpaired surrogate (U+D800)");
		assertThat(problem(patch("{\"abstract\":\"x\\u0000\"}"), 400).get("detail").asString())
			.startsWith("abstract: ");
		assertThat(problem(patch("{\"a\\u0000\":1}"), 400).get("detail").asString()).contains("property name");
		// Line breaks and tabs are text in a JSON string (an abstract, a note).
		HttpResponse<String> text = post("{\"name\":\"line one\\nline two\\tand a tab\"}");
		assertThat(text.statusCode()).isEqualTo(200);
	}

	@Test
	void deeplyNestedJsonIsA400() throws Exception {
		String deep = "[".repeat(5_000) + "]".repeat(5_000);
		assertThat(problem(patch("{\"a\":" + deep + "}"), 400).get("detail").asString()).isNotBlank();
	}

	@Test
	void theErrorPathAskedForDirectlyIsNotFoundNotAServerError() throws Exception {
		for (String key : new String[] { null, KEY }) {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri("/error"));
			if (key != null) {
				request.header("X-API-Key", key);
			}
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode problem = problem(response, 404);
			assertThat(problem.get("requestId").asString())
				.isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
		}
	}

	private JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("requestId").asString()).isNotBlank();
		return problem;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", KEY).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String body) throws Exception {
		return send("POST", "/api/v1/echo", "application/json", body);
	}

	private HttpResponse<String> patch(String body) throws Exception {
		return send("PATCH", "/api/v1/tree", "application/merge-patch+json", body);
	}

	private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("X-API-Key", KEY)
			.header("Content-Type", type)
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
