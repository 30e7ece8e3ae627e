package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

/**
 * Papers formatted in a citation style
 * ({@code GET /api/v1/papers/export?format=csl&output=json}).
 *
 * @param style the CSL style used (its id)
 * @param locale the locale used
 * @param entries the bibliography entries, in the order the style sorts them
 */
public record FormattedBibliography(String style, String locale, List<Entry> entries) {

	public FormattedBibliography {
		entries = List.copyOf(entries);
	}

	/** One paper's entry, as plain text. */
	public record Entry(UUID paperId, String text) {
	}

}
