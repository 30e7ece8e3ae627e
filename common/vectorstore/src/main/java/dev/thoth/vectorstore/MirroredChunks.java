package dev.thoth.vectorstore;

import java.util.List;
import java.util.UUID;

/**
 * Passages written to PostgreSQL, the source of truth the search indexes follow, and to
 * ChromaDB, which searches their vectors. PostgreSQL first: should ChromaDB fail, the job
 * fails and is tried again, and writing the same passages twice is harmless.
 */
public class MirroredChunks implements ChunkWriter {

	private final PostgresChunks postgres;

	private final ChromaVectorStore chroma;

	public MirroredChunks(PostgresChunks postgres, ChromaVectorStore chroma) {
		this.postgres = postgres;
		this.chroma = chroma;
	}

	@Override
	public void replace(UUID paperId, List<EmbeddedChunk> chunks) {
		this.postgres.replace(paperId, chunks);
		this.chroma.replace(paperId, chunks);
	}

	@Override
	public void delete(UUID paperId) {
		this.chroma.delete(paperId);
		this.postgres.delete(paperId);
	}

}
