package dev.thoth.discovery.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.thoth.discovery.ranking.Explanation;
import dev.thoth.discovery.sources.WorkIds;

/** A result as stored. */
public record StoredResult(UUID id, UUID queryId, ResultStatus status, double score, Explanation explanation,
		String title, List<String> authors, String abstractText, LocalDate published, Integer year, String venue,
		List<String> categories, WorkIds ids, String pdfUrl, Integer citationCount, boolean retracted,
		List<String> sources, float[] embedding, UUID libraryPaperId, Instant foundAt, Instant updatedAt,
		Instant feedbackAt, UUID jobId, UUID paperId, String downloadError) {

	public String text() {
		return (this.abstractText != null) ? this.title + ". " + this.abstractText : this.title;
	}

}
