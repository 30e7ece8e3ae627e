package dev.thoth.discovery.results;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.thoth.discovery.ranking.Explanation;
import dev.thoth.discovery.sources.WorkIds;
import dev.thoth.discovery.store.StoredResult;

/**
 * A result as the API shows it.
 *
 * @param id the result
 * @param queryId the research query that found it
 * @param status new, accepted, rejected, downloaded or in_library
 * @param score relevance, 0 to 1
 * @param explanation why it scored so
 * @param ids its identifiers at every source that returned it
 * @param pdfUrl its open-access PDF, if any source gave one
 * @param sources the sources that returned it
 * @param retracted whether a source marks it retracted (never downloaded then)
 * @param paperId the library paper it is (or became), once known
 * @param jobId the API's ingestion job for its PDF, once downloaded
 * @param downloadError why its PDF could not be taken into the library, if it could not
 */
record ResultView(UUID id, UUID queryId, String status, double score, Explanation explanation, String title,
		List<String> authors, String abstractText, LocalDate published, Integer year, String venue,
		List<String> categories, WorkIds ids, String pdfUrl, Integer citationCount, boolean retracted,
		List<String> sources, Instant foundAt, Instant updatedAt, UUID paperId, UUID jobId, String downloadError) {

	static ResultView of(StoredResult result) {
		return new ResultView(result.id(), result.queryId(), result.status().value(), result.score(),
				result.explanation(), result.title(), result.authors(), result.abstractText(), result.published(),
				result.year(), result.venue(), result.categories(), result.ids(), result.pdfUrl(),
				result.citationCount(), result.retracted(), result.sources(), result.foundAt(), result.updatedAt(),
				result.paperId(), result.jobId(), result.downloadError());
	}

}
