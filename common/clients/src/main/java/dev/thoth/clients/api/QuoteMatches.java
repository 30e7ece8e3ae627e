package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

/**
 * Where a quoted sentence comes from in the library.
 *
 * @param quote the text looked up, as received
 * @param matches the pages that hold it, best first; empty when none does
 */
public record QuoteMatches(String quote, List<Match> matches) {

	public QuoteMatches {
		matches = List.copyOf(matches);
	}

	/**
	 * A page that holds the quote, or words close to it.
	 *
	 * @param paperId the paper
	 * @param title its title
	 * @param page the page, from 1
	 * @param passage the words of the page that match, as printed
	 * @param similarity the share of the quote's words found in order in the passage (1
	 * when the quote is on the page word for word)
	 * @param exact whether the quote is on the page word for word (case, punctuation and
	 * line breaks aside)
	 * @param pdfUrl opens the PDF at the page
	 */
	public record Match(UUID paperId, String title, int page, String passage, double similarity, boolean exact,
			String pdfUrl) {
	}

}
