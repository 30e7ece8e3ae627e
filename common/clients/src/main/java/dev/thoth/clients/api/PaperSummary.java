package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

/**
 * A paper as it appears in a list; with its arXiv id and abstract, so a client can
 * recognise and compare the library's papers without fetching each; {@code retraction}
 * when the paper was retracted, withdrawn, corrected or is under an expression of
 * concern.
 */
public record PaperSummary(UUID id, String title, List<AuthorName> authors, Integer year, String doi, String status,
		String arxivId, String abstractText, Retraction retraction) {
}
