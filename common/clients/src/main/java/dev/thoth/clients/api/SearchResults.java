package dev.thoth.clients.api;

import java.util.List;

/**
 * The answer to {@code GET /api/v1/search}.
 *
 * @param query the query as received
 * @param mode {@code hybrid}, {@code lexical} or {@code semantic}
 * @param hits the best passages, best first
 */
public record SearchResults(String query, String mode, List<SearchHit> hits) {

	public SearchResults {
		hits = List.copyOf(hits);
	}

}
