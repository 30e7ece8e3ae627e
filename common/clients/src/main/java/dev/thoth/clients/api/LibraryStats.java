package dev.thoth.clients.api;

import java.util.List;
import java.util.Map;

/**
 * The library in figures.
 *
 * @param papers papers in the library
 * @param papersByStatus papers per status (PENDING, PROCESSING, READY, FAILED)
 * @param pages pages of all papers together
 * @param passages passages (chunks) searchable
 * @param references reference entries of all papers
 * @param resolvedReferences of which resolve to a library paper
 * @param tags tags with at least one paper
 * @param jobsByStatus ingestion jobs per status
 * @param papersByYear papers per publication year, oldest first (papers without a year
 * are left out)
 * @param topTags the most used tags
 * @param topVenues the venues with the most papers
 * @param topAuthors the authors with the most papers
 */
public record LibraryStats(long papers, Map<String, Long> papersByStatus, long pages, long passages, long references,
		long resolvedReferences, long tags, Map<String, Long> jobsByStatus, List<Count> papersByYear,
		List<Count> topTags, List<Count> topVenues, List<Count> topAuthors) {

	/** A name (or a year) and how many papers it has. */
	public record Count(String name, long papers) {
	}

}
