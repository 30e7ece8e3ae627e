package dev.thoth.agent.memory;

import java.util.List;
import java.util.Optional;

/**
 * Where the memory lives: the built-in tables in PostgreSQL, or a Letta server. It stores
 * and reads; {@link Memory} checks limits, edits the blocks and keeps the history, the
 * same for every store.
 */
public interface MemoryStore {

	/** A short name for logs and health: {@code built-in} or {@code letta}. */
	String name();

	/** The value of each core block, by label; a block never written is empty. */
	List<LabelledValue> blocks();

	/** The value of one core block. */
	String block(String label);

	/** Sets a core block's value (within its limit: checked before). */
	void write(String label, String value, int limit);

	/** Stores a passage in archival memory. */
	ArchivedPassage insert(String text);

	/** The passage with that id, if it is there. */
	Optional<ArchivedPassage> passage(String id);

	/** Deletes a passage; false when it was not there. */
	boolean delete(String id);

	/** The passages closest in meaning to the query, closest first. */
	List<ArchivedPassage> search(String query, int k);

	/** The newest passages, newest first. */
	List<ArchivedPassage> recent(int limit);

	/** A block's label and value. */
	record LabelledValue(String label, String value) {
	}

}
