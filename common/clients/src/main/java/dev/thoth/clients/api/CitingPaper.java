package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

/**
 * A library paper whose reference list cites a given paper.
 *
 * @param paperId the citing paper
 * @param title its title
 * @param authors its authors in order
 * @param year its year
 * @param referencePosition the position of the citing entry in its reference list
 * @param citedOnPages the pages of the citing paper whose text cites that entry
 */
public record CitingPaper(UUID paperId, String title, List<AuthorName> authors, Integer year, int referencePosition,
		List<Integer> citedOnPages) {
}
