package dev.thoth.pdfmonitor.extraction;

import java.util.List;
import java.util.Map;

import dev.thoth.domain.papers.FieldSource;

/**
 * One entry of a reference list.
 *
 * @param position the position in the list, starting at 1
 * @param label the printed label ("12" for "[12]" or "12."), or null for author-year
 * lists
 * @param raw the printed entry, line breaks joined and hyphenation repaired, label kept
 * @param authors the authors as printed ("F. Afrati", "Bar-Haim, R.", "Perlmutter S")
 * @param title the title of the cited work, or null when the entry prints none
 * @param year the year, or null
 * @param venue the journal, proceedings or publisher as printed, or null
 * @param doi the DOI, or null
 * @param arxivId the arXiv identifier, or null
 * @param sources for each field an online lookup filled or corrected ("title", "authors",
 * "year", "venue", "doi"), where its value came from; fields as parsed have no entry
 */
public record Reference(int position, String label, String raw, List<String> authors, String title, Integer year,
		String venue, String doi, String arxivId, Map<String, FieldSource> sources) {

	public Reference {
		authors = List.copyOf(authors);
		sources = Map.copyOf(sources);
	}

	/** An entry as parsed, with no field from a lookup. */
	public Reference(int position, String label, String raw, List<String> authors, String title, Integer year,
			String venue, String doi, String arxivId) {
		this(position, label, raw, authors, title, year, venue, doi, arxivId, Map.of());
	}

	/** The surname of the first author, or null. */
	public String firstAuthorSurname() {
		return this.authors.isEmpty() ? null : Names.surname(this.authors.get(0));
	}

}
