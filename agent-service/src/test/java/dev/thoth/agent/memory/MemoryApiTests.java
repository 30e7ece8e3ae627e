package dev.thoth.agent.memory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

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
 * The memory API of a whole agent service on a fresh PostgreSQL database (built-in
 * store): a researcher reads and edits the blocks, the tools' endpoints append, replace,
 * insert, store and search, the history lists every edit and a revert undoes one; bad
 * input is a problem detail naming what is wrong, with the request id, and changes
 * nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemoryApiTests {

	static final String KEY = "memory-api-tests-key-0123456789abcdef";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final JsonMapper json = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	CoreMemory coreMemory;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_API_SECRET_KEY", () -> KEY);
		registry.add("THOTH_MEMORY_BLOCK_LIMIT", () -> "300");
		// No model here: the chat's client stays off (the memory does not need it).
		registry.add("spring.ai.chat.client.enabled", () -> "false");
	}

	@Test
	void aResearcherEditsTheBlocksAndRevertsAnEdit() throws Exception {
		JsonNode blocks = call("GET", "/blocks", null, 200);
		assertThat(blocks).hasSize(4);
		assertThat(blocks.get(0).get("label").asString()).isEqualTo("human");
		assertThat(blocks.get(0).get("limit").asInt()).isEqualTo(300);

		JsonNode set = call("PUT", "/blocks/research_focus", Map.of("value", "Stomatal conductance in CAM plants"),
				200);
		assertThat(set.at("/block/value").asString()).isEqualTo("Stomatal conductance in CAM plants");
		assertThat(set.at("/edit/source").asString()).isEqualTo("api");
		JsonNode appended = call("POST", "/blocks/research_focus/append",
				Map.of("text", "Night-time CO2 uptake", "source", "tool"), 200);
		assertThat(appended.at("/edit/source").asString()).isEqualTo("tool");
		call("POST", "/blocks/research_focus/replace", Map.of("oldText", "CAM plants", "newText", "Agave"), 200);
		JsonNode inserted = call("POST", "/blocks/research_focus/insert", Map.of("text", "Since 2026:", "line", 0),
				200);
		assertThat(inserted.at("/block/value").asString())
			.isEqualTo("Since 2026:\nStomatal conductance in Agave\nNight-time CO2 uptake");
		assertThat(this.coreMemory.promptSection()).contains("Night-time CO2 uptake");

		JsonNode history = call("GET", "/history?size=2", null, 200);
		assertThat(history.get("totalItems").asInt()).isEqualTo(4);
		assertThat(history.get("totalPages").asInt()).isEqualTo(2);
		assertThat(history.get("items").get(0).get("kind").asString()).isEqualTo("block_insert");
		String appendId = call("GET", "/history?page=1&size=2", null, 200).at("/items/0/id").asString();
		// The block goes back to what it was before that edit: the later edits of the
		// block
		// are undone with it (they stay in the history, and the revert can be reverted).
		JsonNode reverted = call("POST", "/revert/" + appendId, null, 200);
		assertThat(reverted.at("/block/value").asString()).isEqualTo("Stomatal conductance in CAM plants");
		assertThat(reverted.at("/edit/reverts").asString()).isEqualTo(appendId);
		assertThat(call("GET", "/blocks/research_focus", null, 200).get("value").asString())
			.isEqualTo("Stomatal conductance in CAM plants");
		call("POST", "/revert/" + reverted.at("/edit/id").asString(), null, 200);
		assertThat(call("GET", "/blocks/research_focus", null, 200).get("value").asString())
			.isEqualTo("Since 2026:\nStomatal conductance in Agave\nNight-time CO2 uptake");
		assertThat(call("POST", "/revert/" + appendId, null, 409).get("detail").asString())
			.contains("reverted already");
	}

	@Test
	void archivalMemoryIsStoredSearchedAndForgotten() throws Exception {
		JsonNode stored = call("POST", "/passages",
				Map.of("text", "The researcher wants every claim tied to a page of the PDF.", "source", "tool"), 201);
		String passageId = stored.at("/edit/passageId").asString();
		JsonNode found = call("GET", "/search?q=how+should+answers+cite+sources&scope=archival&k=3", null, 200);
		assertThat(found.at("/passages/0/id").asString()).isEqualTo(passageId);
		assertThat(found.at("/passages/0/score").asDouble()).isPositive();
		assertThat(found.get("messages")).isEmpty();
		assertThat(call("GET", "/passages?limit=5", null, 200)).hasSize(1);
		call("DELETE", "/passages/" + passageId, null, 200);
		assertThat(call("GET", "/passages", null, 200)).isEmpty();
		call("DELETE", "/passages/" + passageId, null, 404);
	}

	@Test
	void badInputIsAProblemDetailAndChangesNothing() throws Exception {
		call("PUT", "/blocks/persona", Map.of("value", "Careful and brief."), 200);
		JsonNode over = call("POST", "/blocks/persona/append", Map.of("text", "x".repeat(400)), 400);
		assertThat(over.get("detail").asString()).contains("over its limit of 300");
		assertThat(over.get("requestId").asString()).isNotBlank();
		JsonNode unknown = call("PUT", "/blocks/hobbies", Map.of("value", "chess"), 404);
		assertThat(unknown.get("detail").asString()).contains("'hobbies'").contains("research_focus");
		call("GET", "/blocks/%3Cscript%3E", null, 404);
		call("POST", "/revert/4f1f0d5e-0000-4000-8000-000000000000", null, 404);
		assertThat(call("POST", "/revert/not-a-uuid", null, 400).get("detail").asString()).contains("UUID");
		call("POST", "/blocks/persona/replace", Map.of("oldText", "nowhere", "newText", "x"), 400);
		call("PUT", "/blocks/persona", Map.of("wrong", "field"), 400);
		call("PUT", "/blocks/persona", Map.of("value", "bad\u0000byte"), 400);
		call("GET", "/search?q=x&scope=everything", null, 400);
		call("GET", "/search?q=x&k=500", null, 400);
		assertThat(call("GET", "/blocks/persona", null, 200).get("value").asString()).isEqualTo("Careful and brief.");
		HttpResponse<String> anonymous = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/agent/v1/memory/blocks")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	private JsonNode call(String method, String path, Object body, int status) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/agent/v1/memory" + path))
			.header("X-API-Key", KEY)
			.timeout(Duration.ofSeconds(30));
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
		return json.readTree(response.body());
	}

}
