package dev.thoth.agent.memory.letta;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The part of Letta's REST API the memory uses (letta/server/rest_api/routers/v1:
 * agents.py and blocks.py): agents, their core memory blocks, and their archival memory.
 * Letta has no Java SDK, so this is the typed client.
 */
@HttpExchange(url = "/v1", accept = "application/json")
interface LettaClient {

	@GetExchange("/agents/")
	List<Agent> agents(@RequestParam("name") String name, @RequestParam("limit") int limit);

	@PostExchange(url = "/agents/", contentType = "application/json")
	Agent createAgent(@RequestBody CreateAgent agent);

	@GetExchange("/agents/{agentId}/core-memory/blocks")
	List<Block> blocks(@PathVariable("agentId") String agentId);

	@GetExchange("/agents/{agentId}/core-memory/blocks/{label}")
	Block block(@PathVariable("agentId") String agentId, @PathVariable("label") String label);

	@PatchExchange(url = "/agents/{agentId}/core-memory/blocks/{label}", contentType = "application/json")
	Block modifyBlock(@PathVariable("agentId") String agentId, @PathVariable("label") String label,
			@RequestBody BlockUpdate update);

	@PostExchange(url = "/blocks/", contentType = "application/json")
	Block createBlock(@RequestBody CreateBlock block);

	@PatchExchange("/agents/{agentId}/core-memory/blocks/attach/{blockId}")
	Agent attachBlock(@PathVariable("agentId") String agentId, @PathVariable("blockId") String blockId);

	@PostExchange(url = "/agents/{agentId}/archival-memory", contentType = "application/json")
	List<Passage> createPassage(@PathVariable("agentId") String agentId, @RequestBody CreatePassage passage);

	/** Oldest first, from after the passage {@code after} (null: the first). */
	@GetExchange("/agents/{agentId}/archival-memory")
	List<Passage> passages(@PathVariable("agentId") String agentId,
			@RequestParam(name = "after", required = false) String after, @RequestParam("limit") int limit,
			@RequestParam("ascending") boolean ascending);

	@GetExchange("/agents/{agentId}/archival-memory/search")
	SearchResponse search(@PathVariable("agentId") String agentId, @RequestParam("query") String query,
			@RequestParam("top_k") int topK);

	@DeleteExchange("/agents/{agentId}/archival-memory/{passageId}")
	void deletePassage(@PathVariable("agentId") String agentId, @PathVariable("passageId") String passageId);

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Agent(String id, String name) {
	}

	/**
	 * A new agent with its core memory blocks; model and embedding: the server's default
	 * when empty.
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	record CreateAgent(String name, @JsonProperty("memory_blocks") List<CreateBlock> memoryBlocks, String model,
			String embedding) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Block(String id, String label, String value, Integer limit) {
	}

	record CreateBlock(String label, String value, int limit) {
	}

	record BlockUpdate(String value, int limit) {
	}

	record CreatePassage(String text) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Passage(String id, String text, @JsonProperty("created_at") String createdAt) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record SearchResponse(List<SearchResult> results, int count) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record SearchResult(String id, String timestamp, String content) {
	}

}
