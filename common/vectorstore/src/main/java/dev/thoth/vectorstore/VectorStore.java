package dev.thoth.vectorstore;

import java.util.List;
import java.util.UUID;

/**
 * Where the chunks of the papers and their embeddings live, and how they are searched.
 * Query text is untrusted: any characters are searched for as text.
 */
public interface VectorStore {

	/**
	 * Makes {@code chunks} the chunks of the paper, replacing any it had (re-processing a
	 * paper is idempotent). An empty list removes them.
	 */
	void replace(UUID paperId, List<EmbeddedChunk> chunks);

	/** Removes every chunk of the paper. */
	void delete(UUID paperId);

	/** The {@code k} chunks nearest to the query embedding by cosine, best first. */
	List<Hit> semantic(float[] query, int k, Filter filter);

	/** The {@code k} chunks that best match the words of the query, best first. */
	List<Hit> lexical(String query, int k, Filter filter);

	/** How many chunks are stored. */
	long count();

	/** A short name for logs and health: {@code postgres} or {@code chromadb}. */
	String name();

}
