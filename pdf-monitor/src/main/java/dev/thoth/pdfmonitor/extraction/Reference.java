package dev.thoth.pdfmonitor.extraction;

import java.util.List;

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
 */
public record Reference(int position, String label, String raw, List<String> authors, String title, Integer year,
		String venue, String doi, String arxivId) {

	public Reference {
		authors = List.copyOf(authors);
	}

	/** The surname of the first author, or null. */
	public String firstAuthorSurname() {
		return this.authors.isEmpty() ? null : Names.surname(this.authors.get(0));
	}

}
