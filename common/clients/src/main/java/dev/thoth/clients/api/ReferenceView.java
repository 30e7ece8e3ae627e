package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

/**
 * One entry of a paper's reference list: the fields parsed from it, the printed string,
 * and the library paper it resolves to, if that paper is in the library.
 */
public record ReferenceView(int position, String raw, String title, List<String> authors, Integer year, String venue,
		String doi, String arxivId, List<Integer> citedOnPages, ResolvedPaper resolvedPaper) {

	/** The library paper a reference points to. */
	public record ResolvedPaper(UUID id, String title) {
	}

}
