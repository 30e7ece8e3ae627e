package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

/**
 * A library paper related to a given one.
 *
 * @param paperId the related paper
 * @param title its title
 * @param score higher is more related; comparable only within one response
 * @param reasons why it is related, for example {@code similar text} or
 * {@code 3 shared references}
 */
public record RelatedPaper(UUID paperId, String title, double score, List<String> reasons) {

	public RelatedPaper {
		reasons = List.copyOf(reasons);
	}

}
