package dev.thoth.agent.memory;

import java.time.Instant;
import java.util.UUID;

/**
 * One change to the memory, as the history keeps it.
 *
 * @param id the edit's id, to revert it
 * @param kind {@code block_set}, {@code block_append}, {@code block_replace},
 * {@code block_insert}, {@code archival_insert} or {@code archival_delete}
 * @param label the block edited (block edits)
 * @param passageId the passage stored or deleted (archival edits)
 * @param before the block's value before, or the deleted passage's text
 * @param after the block's value after, or the stored passage's text
 * @param source who made it: {@code api} (a person, through the REST API), {@code tool}
 * (a memory tool) or {@code revert}
 * @param reverts the edit this one undid, if it is a revert
 * @param revertedBy the edit that undid this one, if any
 * @param createdAt when
 */
public record MemoryEdit(UUID id, String kind, String label, String passageId, String before, String after,
		String source, UUID reverts, UUID revertedBy, Instant createdAt) {

	public boolean blockEdit() {
		return this.label != null;
	}

}
