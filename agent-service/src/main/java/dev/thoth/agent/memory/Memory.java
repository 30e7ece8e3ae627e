package dev.thoth.agent.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agent's memory, whichever store holds it: core blocks with their limits, archival
 * passages, recall of past conversations, and the history of every edit, which can be
 * listed and reverted. Edits are serialised across replicas by a PostgreSQL advisory
 * lock, so an append on one replica never loses another's.
 */
public class Memory implements CoreMemory {

	/** Longest passage archival memory takes at once. */
	static final int MAX_PASSAGE = 10_000;

	/** Arbitrary, fixed: the advisory lock every memory edit takes. */
	private static final long EDIT_LOCK = 0x7407_4d45_4d4fL;

	private final MemoryStore store;

	private final MemoryHistory history;

	private final Recall recall;

	private final MemoryProperties properties;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	public Memory(MemoryStore store, JdbcClient jdbc, TransactionTemplate transactions, MemoryProperties properties) {
		this.store = store;
		this.jdbc = jdbc;
		this.history = new MemoryHistory(jdbc);
		this.recall = new Recall(jdbc);
		this.transactions = transactions;
		this.properties = properties;
	}

	public MemoryStore store() {
		return this.store;
	}

	public List<MemoryBlock> blocks() {
		Map<String, String> values = this.store.blocks()
			.stream()
			.collect(Collectors.toMap(MemoryStore.LabelledValue::label, MemoryStore.LabelledValue::value,
					(first, second) -> first));
		return MemoryProperties.LABELS.stream()
			.map((label) -> new MemoryBlock(label, values.getOrDefault(label, ""), this.properties.limitOf(label)))
			.toList();
	}

	public MemoryBlock block(String label) {
		checkLabel(label);
		return new MemoryBlock(label, this.store.block(label), this.properties.limitOf(label));
	}

	/** Replaces the block's whole value ({@code ""} empties it). */
	public MemoryEdit set(String label, String value, String source) {
		checkLabel(label);
		return edit(() -> writeBlock("block_set", label, this.store.block(label), value, source, null));
	}

	/** Adds the text to the end of the block, on a line of its own. */
	public MemoryEdit append(String label, String text, String source) {
		checkLabel(label);
		requireText("text", text);
		return edit(() -> {
			String before = this.store.block(label);
			String after = before.isEmpty() ? text : before + "\n" + text;
			return writeBlock("block_append", label, before, after, source, null);
		});
	}

	/**
	 * Replaces the one occurrence of oldText in the block ({@code newText ""} deletes
	 * it).
	 */
	public MemoryEdit replace(String label, String oldText, String newText, String source) {
		checkLabel(label);
		requireText("oldText", oldText);
		if (newText == null) {
			throw new MemoryException(HttpStatus.BAD_REQUEST, "newText: must be given (\"\" deletes oldText)");
		}
		return edit(() -> {
			String before = this.store.block(label);
			int at = before.indexOf(oldText);
			if (at < 0) {
				throw new MemoryException(HttpStatus.BAD_REQUEST, "oldText: not found in the block '" + label
						+ "'; it must match the block's text exactly (read it first); nothing was changed");
			}
			if (before.indexOf(oldText, at + 1) >= 0) {
				throw new MemoryException(HttpStatus.BAD_REQUEST, "oldText: occurs more than once in the block '"
						+ label + "'; give more of the text around it so that it is unique; nothing was changed");
			}
			String after = before.substring(0, at) + newText + before.substring(at + oldText.length());
			return writeBlock("block_replace", label, before, after, source, null);
		});
	}

	/**
	 * Inserts the text as a line of the block: after line {@code line} (0: at the top;
	 * null or beyond the last line: at the end).
	 */
	public MemoryEdit insert(String label, String text, Integer line, String source) {
		checkLabel(label);
		requireText("text", text);
		if (line != null && line < 0) {
			throw new MemoryException(HttpStatus.BAD_REQUEST, "line: must be 0 (the top) or more, not " + line);
		}
		return edit(() -> {
			String before = this.store.block(label);
			List<String> lines = before.isEmpty() ? new ArrayList<>()
					: new ArrayList<>(Arrays.asList(before.split("\n", -1)));
			int at = (line == null) ? lines.size() : Math.min(line, lines.size());
			lines.add(at, text);
			return writeBlock("block_insert", label, before, String.join("\n", lines), source, null);
		});
	}

	/** Stores a passage in archival memory. */
	public MemoryEdit archive(String text, String source) {
		requireText("text", text);
		if (text.length() > MAX_PASSAGE) {
			throw new MemoryException(HttpStatus.BAD_REQUEST, "text: " + text.length()
					+ " characters, over the limit of " + MAX_PASSAGE + " for one passage; store it in parts");
		}
		return edit(() -> {
			ArchivedPassage passage = this.store.insert(text);
			return this.history.record("archival_insert", null, passage.id(), null, text, source, null);
		});
	}

	/** Deletes a passage from archival memory. */
	public MemoryEdit forget(String passageId, String source) {
		return edit(() -> deletePassage(passageId, source, null));
	}

	public List<ArchivedPassage> passages(int limit) {
		return this.store.recent(limit);
	}

	/** Archival passages by meaning, and past messages by their words. */
	public SearchResult search(String query, Scope scope, int k) {
		requireText("query", query);
		List<ArchivedPassage> passages = (scope != Scope.CONVERSATIONS) ? this.store.search(query, k) : List.of();
		List<Recall.Hit> messages = (scope != Scope.ARCHIVAL) ? this.recall.search(query, k) : List.of();
		return new SearchResult(passages, messages);
	}

	/** Where a search looks. */
	public enum Scope {

		ALL, ARCHIVAL, CONVERSATIONS

	}

	/** What a search found. */
	public record SearchResult(List<ArchivedPassage> passages, List<Recall.Hit> messages) {
	}

	/** The edits, newest first. */
	public List<MemoryEdit> history(int page, int size) {
		return this.history.list(page, size);
	}

	public long historySize() {
		return this.history.count();
	}

	/**
	 * Undoes an edit: a block gets back the value it had before it, a stored passage is
	 * deleted, a deleted one is stored again. The revert is an edit itself, in the
	 * history, and can be reverted too.
	 */
	public MemoryEdit revert(UUID editId) {
		return edit(() -> {
			MemoryEdit edit = this.history.find(editId)
				.orElseThrow(() -> new MemoryException(HttpStatus.NOT_FOUND, "no memory edit has the id " + editId));
			if (edit.revertedBy() != null) {
				throw new MemoryException(HttpStatus.CONFLICT,
						"edit " + editId + " was reverted already, by edit " + edit.revertedBy());
			}
			if (edit.blockEdit()) {
				return writeBlock("block_set", edit.label(), this.store.block(edit.label()), edit.before(), "revert",
						edit.id());
			}
			if (edit.kind().equals("archival_insert")) {
				return deletePassage(edit.passageId(), "revert", edit.id());
			}
			ArchivedPassage restored = this.store.insert(edit.before());
			return this.history.record("archival_insert", null, restored.id(), null, edit.before(), "revert",
					edit.id());
		});
	}

	/**
	 * The blocks for the prompt. A store that fails (Letta away) does not stop the turn:
	 * the prompt says the memory could not be read.
	 */
	@Override
	public String promptSection() {
		List<MemoryBlock> blocks;
		try {
			blocks = blocks();
		}
		catch (MemoryException ex) {
			return "<memory_blocks>\nYour memory could not be read for this turn (" + ex.getMessage()
					+ "). Do not edit it now.\n</memory_blocks>";
		}
		StringBuilder prompt = new StringBuilder(
				"<memory_blocks>\nWhat you remember about the researcher and their work. Edit it with the memory tools.\n");
		for (MemoryBlock block : blocks) {
			prompt.append('<')
				.append(block.label())
				.append(" chars=\"")
				.append(block.chars())
				.append('/')
				.append(block.limit())
				.append("\">\n")
				.append(block.value())
				.append("\n</")
				.append(block.label())
				.append(">\n");
		}
		return prompt.append("</memory_blocks>").toString();
	}

	private MemoryEdit writeBlock(String kind, String label, String before, String after, String source, UUID reverts) {
		int limit = this.properties.limitOf(label);
		if (after.length() > limit) {
			throw new MemoryException(HttpStatus.BAD_REQUEST,
					"the block '" + label + "' would hold " + after.length() + " characters, over its limit of " + limit
							+ "; nothing was changed. Shorten it, or replace old text instead of adding");
		}
		this.store.write(label, after, limit);
		return this.history.record(kind, label, null, before, after, source, reverts);
	}

	private MemoryEdit deletePassage(String passageId, String source, UUID reverts) {
		ArchivedPassage passage = this.store.passage(passageId)
			.orElseThrow(() -> new MemoryException(HttpStatus.NOT_FOUND,
					"no passage in archival memory has the id " + passageId));
		this.store.delete(passageId);
		return this.history.record("archival_delete", null, passageId, passage.text(), null, source, reverts);
	}

	/** One edit at a time, across every replica: the history and the store agree. */
	private MemoryEdit edit(Supplier<MemoryEdit> change) {
		return this.transactions.execute((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(?)").param(EDIT_LOCK).query((rs) -> {
			});
			return change.get();
		});
	}

	private static void checkLabel(String label) {
		if (!MemoryProperties.LABELS.contains(label)) {
			throw new MemoryException(HttpStatus.NOT_FOUND, "no memory block is labelled '" + printable(label)
					+ "'; the blocks are " + String.join(", ", MemoryProperties.LABELS));
		}
	}

	private static void requireText(String field, String text) {
		if (text == null || text.isBlank()) {
			throw new MemoryException(HttpStatus.BAD_REQUEST, field + ": must have a visible character");
		}
	}

	/**
	 * A label echoed in an error: short, and without anything a terminal would act on.
	 */
	private static String printable(String label) {
		String shown = (label == null) ? "" : label.replaceAll("\\p{Cntrl}", "?");
		return (shown.length() > 60) ? shown.substring(0, 60) + "…" : shown;
	}

}
