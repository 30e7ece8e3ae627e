package dev.thoth.vectorstore.index;

import java.util.List;
import java.util.Objects;

import dev.thoth.vectorstore.Chunk;

/**
 * A passage as the index holds it: the chunk, its paper's searchable fields, and its
 * embedding (null in an index without vectors).
 */
public record IndexedChunk(Chunk chunk, String title, List<String> authors, Integer year, float[] embedding) {

	public IndexedChunk {
		Objects.requireNonNull(chunk, "chunk");
		authors = (authors != null) ? List.copyOf(authors) : List.of();
	}

}
