package dev.thoth.discovery.dedup;

import java.time.LocalDate;
import java.util.List;

import dev.thoth.discovery.sources.WorkIds;

/**
 * One paper as every source that returned it describes it together: the ids of all of
 * them (a preprint and its published version as one work), the best of their metadata,
 * and which sources returned it, in the order they did.
 *
 * @param candidates how many source records were merged into it (retraction markers
 * included)
 */
public record Work(WorkIds ids, String title, List<String> authors, String abstractText, LocalDate published,
		Integer year, String venue, List<String> categories, String pdfUrl, Integer citationCount, boolean retracted,
		List<String> sources, int candidates) {

	/** Title and abstract, the text relevance is judged on. */
	public String text() {
		return (this.abstractText != null) ? this.title + ". " + this.abstractText : this.title;
	}

	public String titleKey() {
		return WorkKeys.titleKey(this.title, this.authors, this.year);
	}

}
