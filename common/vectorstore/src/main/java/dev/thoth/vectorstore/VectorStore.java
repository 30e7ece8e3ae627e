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

	/**
	 * Like {@link #semantic}, where the hits may be {@link Hit#candidate candidates}
	 * without their passages: for ranking many of which few are shown.
	 */
	default List<Hit> semanticCandidates(float[] query, int k, Filter filter) {
		return semantic(query, k, filter);
	}

	/**
	 * Like {@link #lexical(SearchQuery, int, Filter)}, where the hits may be
	 * {@link Hit#candidate candidates} without their passages.
	 */
	default List<Hit> lexicalCandidates(SearchQuery query, int k, Filter filter) {
		return lexical(query, k, filter);
	}

	/**
	 * The hits in the same order with the same scores, each candidate with its passage; a
	 * candidate whose passage has gone since is left out.
	 */
	default List<Hit> withText(List<Hit> hits) {
		return hits;
	}

	/** Plain text, every word searched for (no query syntax). */
	default List<Hit> lexical(String text, int k, Filter filter) {
		return lexical(SearchQuery.plain(text), k, filter);
	}

	/** How many chunks can be searched. */
	long count();

	/** A short name for logs and health: {@code lucene} or {@code chromadb+lucene}. */
	String name();

}
