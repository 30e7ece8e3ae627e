package dev.thoth.vectorstore;

import java.util.Objects;

/** A chunk with its embedding, ready to store. */
public record EmbeddedChunk(Chunk chunk, float[] embedding) {

	public EmbeddedChunk {
		Objects.requireNonNull(chunk, "chunk");
		Objects.requireNonNull(embedding, "embedding");
	}

}
