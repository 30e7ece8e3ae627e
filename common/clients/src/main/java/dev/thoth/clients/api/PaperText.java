package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

/**
 * The text of a range of a paper's pages, as extracted, within a size budget; a long
 * paper is read in several calls, each continuing where {@link #next} says.
 *
 * @param paperId the paper
 * @param title its title
 * @param pageCount how many pages it has
 * @param pages the pages returned, in order; the last may be cut (see
 * {@link Page#complete})
 * @param next where the following call continues (from which page, at which character),
 * or null when the requested range has been returned
 */
public record PaperText(UUID paperId, String title, Integer pageCount, List<Page> pages, Next next) {

	public PaperText {
		pages = List.copyOf(pages);
	}

	/**
	 * One page.
	 *
	 * @param page its number, from 1
	 * @param offset the character of the page's text the text starts at (0 unless a
	 * previous call cut the page)
	 * @param text the page's text from that character
	 * @param complete false when the budget cut the page before its end
	 */
	public record Page(int page, int offset, String text, boolean complete) {
	}

	/** Where to continue: {@code fromPage} and {@code offset} for the next call. */
	public record Next(int fromPage, int offset) {
	}

}
