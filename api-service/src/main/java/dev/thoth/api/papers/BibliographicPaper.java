package dev.thoth.api.papers;

import java.util.List;
import java.util.UUID;

/** A paper with the fields a bibliography entry is made of. */
record BibliographicPaper(UUID id, String title, List<String> authors, Integer year, String doi, String arxivId,
		String venue, String abstractText, List<String> keywords) {
}
