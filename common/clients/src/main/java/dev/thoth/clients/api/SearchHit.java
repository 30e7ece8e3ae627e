package dev.thoth.clients.api;

import java.util.UUID;

/**
 * One passage that matches a search.
 *
 * @param paperId the paper it comes from
 * @param title the paper's title
 * @param chunkId the passage's id
 * @param text the passage
 * @param page the page it is printed on (starting at 1)
 * @param section the section heading it falls under, if known
 * @param score higher is better; comparable only within one response
 * @param retraction the paper's retraction, withdrawal, correction or expression of
 * concern, if any
 */
public record SearchHit(UUID paperId, String title, UUID chunkId, String text, int page, String section, double score,
		Retraction retraction) {

	/** The same hit with its paper's title and notice (if any) as they are now. */
	public SearchHit withPaper(String title, Retraction retraction) {
		return new SearchHit(this.paperId, title, this.chunkId, this.text, this.page, this.section, this.score,
				retraction);
	}

}
