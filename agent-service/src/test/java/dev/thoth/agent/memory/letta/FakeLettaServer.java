package dev.thoth.agent.memory.letta;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.thoth.testsupport.FakeResponses;
import dev.thoth.vectorstore.Embedder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for a Letta server (the real one cannot be installed here), stateful
 * and following Letta's published REST API (letta/server/rest_api/routers/v1, agents.py
 * and blocks.py) for what the memory uses: agents by name and created with memory blocks;
 * an agent's core memory blocks, read and modified (a value over the block's limit is
 * refused, as Letta's Block validator does), created and attached; archival memory
 * passages stored, listed with cursors, searched by meaning (with Thoth's own embedder,
 * where Letta uses its configured embedding model) and deleted; {@code /v1/health/}. Its
 * answers have Letta's shapes and ids ({@code agent-…}, {@code block-…},
 * {@code passage-…}), errors are {@code {"detail": …}}. With a token, every call needs
 * {@code Authorization: Bearer <token>}, as a Letta server with a password does.
 */
final class FakeLettaServer implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern AGENT_PATH = Pattern.compile("/v1/agents/(agent-[0-9a-f-]+)(/.*)?");

	private final HttpServer server;

	private final Embedder embedder;

	private final String token;

	private final Map<String, Map<String, Object>> agents = new LinkedHashMap<>();

	/** Blocks by id; an agent holds block ids. */
	private final Map<String, Map<String, Object>> blocks = new LinkedHashMap<>();

	private final Map<String, List<String>> agentBlocks = new LinkedHashMap<>();

	private final Map<String, List<Map<String, Object>>> passages = new LinkedHashMap<>();

	private final Map<String, float[]> embeddings = new LinkedHashMap<>();

	/** Each request: method and path. */
	final List<String> requests = new CopyOnWriteArrayList<>();

	private volatile int failWith;

	FakeLettaServer(Embedder embedder, String token) {
		this.embedder = embedder;
		this.token = token;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Every call answers this status from now on (0: answer normally). */
	void failWith(int status) {
		this.failWith = status;
	}

	synchronized long agentsNamed(String name) {
		return this.agents.values().stream().filter((agent) -> name.equals(agent.get("name"))).count();
	}

	private synchronized void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getRawPath();
			Map<String, String> query = FakeResponses.queryParameters(exchange.getRequestURI().getRawQuery());
			this.requests.add(method + " " + path);
			if (this.failWith != 0) {
				send(exchange, this.failWith, Map.of("detail", "failing on purpose"));
				return;
			}
			if (this.token != null
					&& !("Bearer " + this.token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				send(exchange, 401, Map.of("detail", "Unauthorized"));
				return;
			}
			route(exchange, method, path, query);
		}
	}

	private void route(HttpExchange exchange, String method, String path, Map<String, String> query)
			throws IOException {
		if (method.equals("GET") && path.equals("/v1/health/")) {
			send(exchange, 200, Map.of("version", "0.16.7", "status", "ok"));
			return;
		}
		if (path.equals("/v1/agents/") || path.equals("/v1/agents")) {
			if (method.equals("GET")) {
				int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
				send(exchange, 200, this.agents.values()
					.stream()
					.filter((agent) -> !query.containsKey("name") || query.get("name").equals(agent.get("name")))
					.limit(limit)
					.map(this::agentState)
					.toList());
				return;
			}
			if (method.equals("POST")) {
				JsonNode request = body(exchange);
				String id = "agent-" + UUID.randomUUID();
				Map<String, Object> agent = new LinkedHashMap<>();
				agent.put("id", id);
				agent.put("name", request.path("name").asString("agent"));
				agent.put("created_at", now());
				this.agents.put(id, agent);
				List<String> ids = new ArrayList<>();
				for (JsonNode block : request.path("memory_blocks")) {
					ids.add(createBlock(block).get("id").toString());
				}
				this.agentBlocks.put(id, ids);
				this.passages.put(id, new ArrayList<>());
				send(exchange, 200, agentState(agent));
				return;
			}
		}
		if (method.equals("POST") && (path.equals("/v1/blocks/") || path.equals("/v1/blocks"))) {
			send(exchange, 200, createBlock(body(exchange)));
			return;
		}
		Matcher matcher = AGENT_PATH.matcher(path);
		if (!matcher.matches()) {
			send(exchange, 404, Map.of("detail", "Not Found"));
			return;
		}
		String agentId = matcher.group(1);
		String rest = (matcher.group(2) != null) ? matcher.group(2) : "";
		if (!this.agents.containsKey(agentId)) {
			send(exchange, 404, Map.of("detail", "Agent with id=" + agentId + " not found"));
			return;
		}
		if (rest.startsWith("/core-memory/blocks")) {
			blocks(exchange, method, agentId, rest.substring("/core-memory/blocks".length()));
			return;
		}
		if (rest.startsWith("/archival-memory")) {
			archival(exchange, method, agentId, rest.substring("/archival-memory".length()), query);
			return;
		}
		send(exchange, 404, Map.of("detail", "Not Found"));
	}

	private void blocks(HttpExchange exchange, String method, String agentId, String rest) throws IOException {
		List<String> ids = this.agentBlocks.get(agentId);
		if (rest.isEmpty() && method.equals("GET")) {
			send(exchange, 200, ids.stream().map(this.blocks::get).toList());
			return;
		}
		if (rest.startsWith("/attach/") && method.equals("PATCH")) {
			String blockId = rest.substring("/attach/".length());
			if (!this.blocks.containsKey(blockId)) {
				send(exchange, 404, Map.of("detail", "Block with id=" + blockId + " not found"));
				return;
			}
			ids.add(blockId);
			send(exchange, 200, agentState(this.agents.get(agentId)));
			return;
		}
		String label = URLDecoder.decode(rest.substring(1), StandardCharsets.UTF_8);
		Map<String, Object> block = ids.stream()
			.map(this.blocks::get)
			.filter((candidate) -> label.equals(candidate.get("label")))
			.findFirst()
			.orElse(null);
		if (block == null) {
			send(exchange, 404, Map.of("detail", "No block with label " + label + " found for agent " + agentId));
			return;
		}
		if (method.equals("GET")) {
			send(exchange, 200, block);
			return;
		}
		if (method.equals("PATCH")) {
			JsonNode update = body(exchange);
			int limit = update.has("limit") ? update.get("limit").asInt() : (int) block.get("limit");
			String value = update.has("value") ? update.get("value").asString() : (String) block.get("value");
			if (value.length() > limit) {
				send(exchange, 400, Map.of("detail",
						"Edit failed: Exceeds " + limit + " character limit (requested " + value.length() + ")"));
				return;
			}
			block.put("value", value);
			block.put("limit", limit);
			send(exchange, 200, block);
			return;
		}
		send(exchange, 405, Map.of("detail", "Method Not Allowed"));
	}

	private void archival(HttpExchange exchange, String method, String agentId, String rest, Map<String, String> query)
			throws IOException {
		List<Map<String, Object>> stored = this.passages.get(agentId);
		if (rest.isEmpty() && method.equals("POST")) {
			String text = body(exchange).path("text").asString("");
			Map<String, Object> passage = new LinkedHashMap<>();
			String id = "passage-" + UUID.randomUUID();
			passage.put("id", id);
			passage.put("text", text);
			passage.put("agent_id", agentId);
			passage.put("tags", List.of());
			passage.put("metadata", Map.of());
			passage.put("created_at", now());
			stored.add(passage);
			this.embeddings.put(id, this.embedder.embed(text));
			send(exchange, 200, List.of(passage));
			return;
		}
		if (rest.isEmpty() && method.equals("GET")) {
			List<Map<String, Object>> ordered = new ArrayList<>(stored);
			if ("false".equals(query.get("ascending"))) {
				ordered = ordered.reversed();
			}
			int from = 0;
			if (query.containsKey("after")) {
				for (int i = 0; i < ordered.size(); i++) {
					if (ordered.get(i).get("id").equals(query.get("after"))) {
						from = i + 1;
					}
				}
			}
			int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
			send(exchange, 200,
					ordered.subList(Math.min(from, ordered.size()), Math.min(from + limit, ordered.size())));
			return;
		}
		if (rest.equals("/search") && method.equals("GET")) {
			if (!query.containsKey("query")) {
				send(exchange, 422, Map.of("detail",
						List.of(Map.of("loc", List.of("query", "query"), "msg", "Field required", "type", "missing"))));
				return;
			}
			float[] target = this.embedder.embed(query.get("query"));
			int topK = Integer.parseInt(query.getOrDefault("top_k", "10"));
			List<Map<String, Object>> results = stored.stream()
				.sorted(Comparator.comparingDouble(
						(Map<String, Object> passage) -> -dot(target, this.embeddings.get(passage.get("id")))))
				.limit(topK)
				.map((passage) -> Map.<String, Object>of("id", passage.get("id"), "timestamp",
						OffsetDateTime.parse((String) passage.get("created_at"))
							.format(DateTimeFormatter.ofPattern("yyyy-MM-dd hh:mm:ss a 'UTC'Z")),
						"content", passage.get("text"), "tags", List.of()))
				.toList();
			send(exchange, 200, Map.of("results", results, "count", results.size()));
			return;
		}
		if (rest.startsWith("/") && method.equals("DELETE")) {
			String id = rest.substring(1);
			if (!stored.removeIf((passage) -> passage.get("id").equals(id))) {
				send(exchange, 404, Map.of("detail", "Passage with id=" + id + " not found"));
				return;
			}
			send(exchange, 200, Map.of("message", "Memory id=" + id + " successfully deleted"));
			return;
		}
		send(exchange, 405, Map.of("detail", "Method Not Allowed"));
	}

	private Map<String, Object> createBlock(JsonNode request) {
		Map<String, Object> block = new LinkedHashMap<>();
		String id = "block-" + UUID.randomUUID();
		block.put("id", id);
		block.put("label", request.path("label").asString());
		block.put("value", request.path("value").asString(""));
		block.put("limit", request.has("limit") ? request.get("limit").asInt() : 20000);
		block.put("description", null);
		block.put("read_only", false);
		this.blocks.put(id, block);
		return block;
	}

	private Map<String, Object> agentState(Map<String, Object> agent) {
		Map<String, Object> state = new LinkedHashMap<>(agent);
		List<Map<String, Object>> memory = this.agentBlocks.getOrDefault(agent.get("id"), List.of())
			.stream()
			.map(this.blocks::get)
			.toList();
		state.put("memory", Map.of("blocks", memory));
		state.put("agent_type", "memgpt_v2_agent");
		return state;
	}

	private static JsonNode body(HttpExchange exchange) throws IOException {
		return json.readTree(exchange.getRequestBody().readAllBytes());
	}

	private static String now() {
		return OffsetDateTime.now(ZoneOffset.UTC).toString();
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	private static void send(HttpExchange exchange, int status, Object body) throws IOException {
		FakeResponses.send(exchange, status, "application/json", json.writeValueAsString(body));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
