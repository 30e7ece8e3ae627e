package dev.thoth.discovery.sources;

import java.util.List;
import java.util.Optional;

/** One paper source: searched for a run, its calls paced, retried and broken off. */
public interface PaperSource {

	/** The name research queries use: arxiv, semantic_scholar, pubmed, … */
	String name();

	/**
	 * Why the source cannot be used as configured (OpenAlex without its key), or empty
	 * when it can.
	 */
	default Optional<String> notConfigured() {
		return Optional.empty();
	}

	/**
	 * Up to {@code request.maxResults()} papers matching the request, newest first where
	 * the source can sort so.
	 * @throws SourceException when the source cannot answer (after retries), with the
	 * reason
	 */
	List<Candidate> search(SearchRequest request, SourceTally tally) throws SourceException;

}
