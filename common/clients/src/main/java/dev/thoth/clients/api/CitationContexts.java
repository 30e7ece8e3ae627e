package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

/**
 * Where a paper's body text cites its references: for each reference asked for, the
 * sentences that cite it, with their pages.
 *
 * @param paperId the citing paper
 * @param title its title
 * @param references the references asked for, each with its citing sentences
 */
public record CitationContexts(UUID paperId, String title, List<ReferenceContexts> references) {

	public CitationContexts {
		references = List.copyOf(references);
	}

	/**
	 * One reference entry and the sentences citing it.
	 *
	 * @param reference the entry
	 * @param contexts the sentences, in reading order; empty when the pipeline recorded
	 * pages but no sentence could be found on them
	 */
	public record ReferenceContexts(ReferenceView reference, List<Context> contexts) {

		public ReferenceContexts {
			contexts = List.copyOf(contexts);
		}

	}

	/**
	 * A sentence that cites the reference.
	 *
	 * @param page the page it is printed on
	 * @param sentence the sentence, as printed
	 * @param marker the citation in it ("[3]", "(Smith, 2001)")
	 * @param pdfUrl opens the PDF at the page
	 */
	public record Context(int page, String sentence, String marker, String pdfUrl) {
	}

}
