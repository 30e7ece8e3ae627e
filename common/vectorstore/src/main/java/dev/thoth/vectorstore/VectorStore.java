package dev.thoth.vectorstore;

import java.util.List;

/**
 * Where the chunks of the papers and their embeddings live, and how they are searched.
 * Query text is untrusted: any characters are searched for as text.
 */
public interface VectorStore extends ChunkWriter {

	/**
	 * The {@code k} chunks nearest to the query embedding by cosine, best first, among
	 * those the filter lets through.
	 */
	List<Hit> semantic(float[] query, int k, Filter filter);

	/**
	 * The {@code k} chunks that best match the words and phrases of the query, best
	 * first, among those the filter lets through.
	 */
	List<Hit> lexical(SearchQuery query, int k, Filter filter);

	/** Plain text, every word searched for (no query syntax). */
	default List<Hit> lexical(String text, int k, Filter filter) {
		return lexical(SearchQuery.plain(text), k, filter);
	}

	/** How many chunks can be searched. */
	long count();

	/** A short name for logs and health: {@code lucene} or {@code chromadb+lucene}. */
	String name();

}
