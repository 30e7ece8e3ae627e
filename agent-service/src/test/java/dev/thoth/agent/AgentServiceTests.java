package dev.thoth.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.thoth.agent.conversation.ConversationStore;
import dev.thoth.agent.memory.CoreMemory;
import dev.thoth.agent.memory.Memory;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent service whole on a real PostgreSQL, without a model and with an MCP service
 * that is not there (the real MCP service is system-tests' AgentIT): sessions, bad
 * requests as problem details, a turn whose tools cannot be reached, and the memory
 * store's core memory taking the place of the empty one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentServiceTests {

	static final String KEY = "agent-test-key-0123456789abcdef0123456789ab";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	ConversationStore store;

	@Autowired
	CoreMemory memory;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) throws Exception {
		database.register(registry);
		registry.add("THOTH_API_SECRET_KEY", () -> KEY);
		int mcp = FreePorts.next();
		registry.add("THOTH_MCP_URL", () -> "http://127.0.0.1:" + mcp);
	}

	@Test
	void aTurnWhoseToolsCannotBeReachedIsAProblemAndKeepsTheMessage() throws Exception {
		HttpResponse<String> response = post("{\"message\":\"What is in my library?\"}", "application/json");
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("The MCP service at http://127.0.0.1:").contains("requestId");
		String session = response.headers().firstValue("X-Session-Id").orElse(null);
		if (session == null) {
			session = this.store.sessions(1, 0).getFirst().id().toString();
		}
		JsonNode messages = get("/agent/v1/sessions/" + session + "/messages");
		assertThat(messages).hasSize(1);
		assertThat(messages.get(0).path("role").asString()).isEqualTo("user");
		assertThat(messages.get(0).path("content").asString()).isEqualTo("What is in my library?");
	}

	@Test
	void aStreamedTurnEndsWithAnErrorEvent() throws Exception {
		HttpResponse<String> response = post("{\"message\":\"Stream it\"}", "text/event-stream");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("event:error").contains("did not answer").doesNotContain("event:done");
	}

	@Test
	void sessionsAreListedAndDeleted() throws Exception {
		var session = this.store.create("A   session\nabout process mining " + "x".repeat(100));
		assertThat(session.title()).startsWith("A session about process mining").hasSize(80);
		assertThat(get("/agent/v1/sessions?limit=200").findValuesAsString("id")).contains(session.id().toString());
		assertThat(send("DELETE", "/agent/v1/sessions/" + session.id()).statusCode()).isEqualTo(204);
		HttpResponse<String> gone = send("DELETE", "/agent/v1/sessions/" + session.id());
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(gone.body()).contains("No session " + session.id());
		assertThat(send("GET", "/agent/v1/sessions/" + session.id() + "/messages").statusCode()).isEqualTo(404);
	}

	@Test
	void badRequestsAreProblemDetails() throws Exception {
		assertThat(post("{\"message\":\"\"}", "application/json").statusCode()).isEqualTo(400);
		assertThat(post("{\"message\":\"x".repeat(1) + "y".repeat(20001) + "\"}", "application/json").statusCode())
			.isEqualTo(400);
		HttpResponse<String> control = post("{\"message\":\"a\\u0000b\"}", "application/json");
		assertThat(control.statusCode()).isEqualTo(400);
		assertThat(control.body()).contains("message");
		HttpResponse<String> badId = post("{\"sessionId\":\"bad\",\"message\":\"hi\"}", "application/json");
		assertThat(badId.statusCode()).isEqualTo(400);
		assertThat(
				post("{\"sessionId\":\"00000000-0000-0000-0000-000000000001\",\"message\":\"hi\"}", "application/json")
					.statusCode())
			.isEqualTo(404);
		assertThat(send("GET", "/agent/v1/sessions?limit=0").statusCode()).isEqualTo(400);
		HttpResponse<String> noKey = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/agent/v1/sessions")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(noKey.statusCode()).isEqualTo(401);
	}

	@Test
	void theMemoryStoresCoreMemoryReplacesTheEmptyOne() {
		assertThat(this.memory).isInstanceOf(Memory.class);
		assertThat(this.memory.promptSection()).startsWith("<memory_blocks>")
			.contains("<persona chars=\"0/5000\">")
			.contains("<research_focus chars=");
	}

	private HttpResponse<String> post(String body, String accept) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/agent/v1/chat"))
			.header("X-API-Key", KEY)
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("X-API-Key", KEY)
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = send("GET", path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

}
