package dev.thoth.clients.agent;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** The agent service's memory: core blocks, archival passages, recall, history. */
@HttpExchange(url = "/agent/v1/memory", accept = "application/json")
public interface AgentMemoryClient {

	@GetExchange("/blocks")
	List<MemoryBlockView> blocks();

	@GetExchange("/blocks/{label}")
	MemoryBlockView block(@PathVariable("label") String label);

	@PostExchange(url = "/blocks/{label}/append", contentType = "application/json")
	MemoryEditResult append(@PathVariable("label") String label, @RequestBody Append append);

	@PostExchange(url = "/blocks/{label}/replace", contentType = "application/json")
	MemoryEditResult replace(@PathVariable("label") String label, @RequestBody Replace replace);

	@PostExchange(url = "/blocks/{label}/insert", contentType = "application/json")
	MemoryEditResult insert(@PathVariable("label") String label, @RequestBody Insert insert);

	@PostExchange(url = "/passages", contentType = "application/json")
	MemoryEditResult archive(@RequestBody NewPassage passage);

	/** scope: all, archival or conversations. */
	@GetExchange("/search")
	MemorySearchResult search(@RequestParam("q") String query, @RequestParam("scope") String scope,
			@RequestParam("k") int k);

	@PostExchange("/revert/{editId}")
	MemoryEditResult revert(@PathVariable("editId") UUID editId);

	/** source: who edits ({@code tool} for a memory tool). */
	record Append(String text, String source) {
	}

	record Replace(String oldText, String newText, String source) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Insert(String text, Integer line, String source) {
	}

	record NewPassage(String text, String source) {
	}

}
