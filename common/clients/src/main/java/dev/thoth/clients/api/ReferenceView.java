package dev.thoth.clients.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of a paper's reference list: the fields parsed from it, the printed string,
 * the library paper it resolves to, if that paper is in the library, and where each field
 * an online lookup filled or corrected came from ({@code provenance}, by field name:
 * {@code crossref} or {@code openalex} with the match's confidence; a field as parsed has
 * no entry).
 */
public record ReferenceView(int position, String raw, String title, List<String> authors, Integer year, String venue,
		String doi, String arxivId, List<Integer> citedOnPages, ResolvedPaper resolvedPaper,
		Map<String, FieldProvenance> provenance) {

	/** The library paper a reference points to. */
	public record ResolvedPaper(UUID id, String title) {
	}

}
