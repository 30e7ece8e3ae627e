package dev.thoth.pdfmonitor.extraction;

import java.util.List;

/**
 * The reference list of a paper and the citations of it in the body.
 *
 * @param references the entries in printed order; empty when no list was found
 * @param citations the citation markers found in the body text, in reading order
 */
public record ParsedReferences(List<Reference> references, List<CitationMarker> citations) {

	public ParsedReferences {
		references = List.copyOf(references);
		citations = List.copyOf(citations);
	}

}
