package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A paper's passages for the store tests, one section each, embedded for real. */
public final class TestChunks {

	private TestChunks() {
	}

	public static List<EmbeddedChunk> embedded(Embedder embedder, UUID paperId, List<String> texts) {
		List<float[]> vectors = embedder.embed(texts);
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			chunks.add(new EmbeddedChunk(
					new Chunk(Chunk.idFor(paperId, i), paperId, i, i + 1, "Section " + i, texts.get(i)),
					vectors.get(i)));
		}
		return chunks;
	}

}
