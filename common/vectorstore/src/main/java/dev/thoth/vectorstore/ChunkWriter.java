package dev.thoth.vectorstore;

import java.util.List;
import java.util.UUID;

/**
 * Where the PDF monitor puts the passages of a paper: PostgreSQL's {@code paper_chunks}
 * (the source of truth every API replica's search index follows), and ChromaDB too when
 * it is configured.
 */
public interface ChunkWriter {

	/**
	 * Makes {@code chunks} the chunks of the paper, replacing any it had (re-processing a
	 * paper is idempotent). An empty list removes them.
	 */
	void replace(UUID paperId, List<EmbeddedChunk> chunks);

	/** Removes every chunk of the paper. */
	void delete(UUID paperId);

}
