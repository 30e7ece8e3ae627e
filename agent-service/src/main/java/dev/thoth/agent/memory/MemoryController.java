package dev.thoth.agent.memory;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's memory over HTTP: a researcher reads and edits the blocks, the memory tools
 * (in the MCP service) append, replace, insert and search, and every edit is in the
 * history, which can be reverted.
 */
@RestController
@Validated
@RequestMapping(path = "/agent/v1/memory", produces = "application/json")
class MemoryController {

	/** The longest text one request may carry (a block's limit is checked too). */
	static final int MAX_TEXT = 100_000;

	private final Memory memory;

	MemoryController(Memory memory) {
		this.memory = memory;
	}

	@GetMapping("/blocks")
	List<MemoryBlock> blocks() {
		return this.memory.blocks();
	}

	@GetMapping("/blocks/{label}")
	MemoryBlock block(@PathVariable String label) {
		return this.memory.block(label);
	}

	record BlockValue(@NotNull @Size(max = MAX_TEXT) String value) {
	}

	@PutMapping(path = "/blocks/{label}", consumes = "application/json")
	EditResult set(@PathVariable String label, @Valid @RequestBody BlockValue body) {
		return blockResult(this.memory.set(label, body.value(), "api"));
	}

	record Append(@NotNull @Size(min = 1, max = MAX_TEXT) String text, String source) {
	}

	@PostMapping(path = "/blocks/{label}/append", consumes = "application/json")
	EditResult append(@PathVariable String label, @Valid @RequestBody Append body) {
		return blockResult(this.memory.append(label, body.text(), source(body.source())));
	}

	record Replace(@NotNull @Size(min = 1, max = MAX_TEXT) String oldText,
			@NotNull @Size(max = MAX_TEXT) String newText, String source) {
	}

	@PostMapping(path = "/blocks/{label}/replace", consumes = "application/json")
	EditResult replace(@PathVariable String label, @Valid @RequestBody Replace body) {
		return blockResult(this.memory.replace(label, body.oldText(), body.newText(), source(body.source())));
	}

	record Insert(@NotNull @Size(min = 1, max = MAX_TEXT) String text, @Min(0) Integer line, String source) {
	}

	@PostMapping(path = "/blocks/{label}/insert", consumes = "application/json")
	EditResult insert(@PathVariable String label, @Valid @RequestBody Insert body) {
		return blockResult(this.memory.insert(label, body.text(), body.line(), source(body.source())));
	}

	@GetMapping("/passages")
	List<ArchivedPassage> passages(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		return this.memory.passages(limit);
	}

	record NewPassage(@NotNull @Size(min = 1, max = Memory.MAX_PASSAGE) String text, String source) {
	}

	@PostMapping(path = "/passages", consumes = "application/json")
	@ResponseStatus(HttpStatus.CREATED)
	EditResult archive(@Valid @RequestBody NewPassage body) {
		return new EditResult(this.memory.archive(body.text(), source(body.source())), null);
	}

	@DeleteMapping("/passages/{id}")
	EditResult forget(@PathVariable @Size(max = 200) String id) {
		return new EditResult(this.memory.forget(id, "api"), null);
	}

	@GetMapping("/search")
	Memory.SearchResult search(@RequestParam("q") @Size(min = 1, max = 1000) String query,
			@RequestParam(defaultValue = "all") String scope,
			@RequestParam(defaultValue = "5") @Min(1) @Max(50) int k) {
		return this.memory.search(query, scope(scope), k);
	}

	/** A page of the history, newest first. */
	record HistoryPage(List<MemoryEdit> items, int page, int size, long totalItems, int totalPages) {
	}

	@GetMapping("/history")
	HistoryPage history(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		long total = this.memory.historySize();
		return new HistoryPage(this.memory.history(page, size), page, size, total, (int) ((total + size - 1) / size));
	}

	@PostMapping("/revert/{editId}")
	EditResult revert(@PathVariable UUID editId) {
		MemoryEdit edit = this.memory.revert(editId);
		return edit.blockEdit() ? blockResult(edit) : new EditResult(edit, null);
	}

	/** An edit, and the block as it is after it (block edits). */
	record EditResult(MemoryEdit edit, MemoryBlock block) {
	}

	private EditResult blockResult(MemoryEdit edit) {
		return new EditResult(edit, this.memory.block(edit.label()));
	}

	/** A caller may say it is a memory tool; anything else is a person's edit. */
	private static String source(String source) {
		return "tool".equals(source) ? "tool" : "api";
	}

	private static Memory.Scope scope(String scope) {
		return switch (scope) {
			case "all" -> Memory.Scope.ALL;
			case "archival" -> Memory.Scope.ARCHIVAL;
			case "conversations" -> Memory.Scope.CONVERSATIONS;
			default ->
				throw new MemoryException(HttpStatus.BAD_REQUEST, "scope: must be all, archival or conversations");
		};
	}

}
