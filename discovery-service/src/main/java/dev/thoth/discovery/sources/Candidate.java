package dev.thoth.discovery.sources;

import java.time.LocalDate;
import java.util.List;

/**
 * A paper as one source returned it, mapped onto the fields every source shares.
 *
 * @param source the source's name
 * @param ids its identifiers
 * @param title the title, plain text
 * @param authors the authors' names in order
 * @param abstractText the abstract, plain text (JATS and structured sections flattened),
 * or null
 * @param published the publication (or posting) date, or null
 * @param year the year, where the date is not known in full
 * @param venue journal, conference or server, or null
 * @param categories subject categories (arXiv's, the source's fields or concepts)
 * @param pdfUrl an open-access PDF, or null
 * @param citationCount how often it is cited, where the source says
 * @param retracted whether the source marks it retracted (or withdrawn)
 */
public record Candidate(String source, WorkIds ids, String title, List<String> authors, String abstractText,
		LocalDate published, Integer year, String venue, List<String> categories, String pdfUrl, Integer citationCount,
		boolean retracted) {

	public Candidate {
		ids = (ids != null) ? ids : WorkIds.none();
		authors = (authors != null) ? List.copyOf(authors) : List.of();
		categories = (categories != null) ? List.copyOf(categories) : List.of();
		title = (title != null) ? Text.squash(title) : null;
		abstractText = (abstractText != null && !abstractText.isBlank()) ? Text.squash(abstractText) : null;
		if (year == null && published != null) {
			year = published.getYear();
		}
	}

	/** Title and abstract, the text relevance is judged on. */
	public String text() {
		return (this.abstractText != null) ? this.title + ". " + this.abstractText : this.title;
	}

}
