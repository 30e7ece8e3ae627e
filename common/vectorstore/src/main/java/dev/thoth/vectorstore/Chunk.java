package dev.thoth.vectorstore;

import java.util.Objects;
import java.util.UUID;

/**
 * A passage of a paper: the unit that is embedded, stored and cited.
 *
 * @param id stable for a paper and position ({@link #idFor}), so re-processing a paper
 * gives the same ids
 * @param paperId the paper
 * @param position 0-based order within the paper
 * @param page 1-based page where the chunk starts
 * @param section the heading of the section it belongs to ({@link Chunker#FRONT_MATTER}
 * before the first heading)
 * @param text the passage
 */
public record Chunk(UUID id, UUID paperId, int position, int page, String section, String text) {

	public Chunk {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(paperId, "paperId");
		Objects.requireNonNull(text, "text");
	}

	/** The id of the chunk at a position of a paper. */
	public static UUID idFor(UUID paperId, int position) {
		return UUID.nameUUIDFromBytes(("thoth-chunk:" + paperId + ":" + position).getBytes());
	}

}
