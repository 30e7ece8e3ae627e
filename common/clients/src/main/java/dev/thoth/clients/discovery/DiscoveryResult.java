package dev.thoth.clients.discovery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A paper a research query found.
 *
 * @param status new, accepted, rejected, downloaded or in_library
 * @param score relevance, 0 to 1
 * @param explanation why it scored so
 * @param pdfUrl its open-access PDF, if a source gave one
 * @param retracted whether a source marks it retracted
 * @param paperId the library paper it is (or became), once known
 * @param jobId the API's ingestion job for its PDF, once downloaded
 * @param downloadError why its PDF could not be taken into the library
 */
public record DiscoveryResult(UUID id, UUID queryId, String status, double score, Explanation explanation, String title,
		List<String> authors, String abstractText, LocalDate published, Integer year, String venue,
		List<String> categories, Ids ids, String pdfUrl, Integer citationCount, boolean retracted, List<String> sources,
		Instant foundAt, Instant updatedAt, UUID paperId, UUID jobId, String downloadError) {

	/** Why a result scored as it did: its summary in words, and the terms it matched. */
	public record Explanation(String summary, List<String> matchedTerms) {
	}

	/** Its identifiers; any may be null. */
	public record Ids(String doi, String arxivId, String pmid, String semanticScholarId, String openAlexId,
			String preprintDoi) {
	}

}
