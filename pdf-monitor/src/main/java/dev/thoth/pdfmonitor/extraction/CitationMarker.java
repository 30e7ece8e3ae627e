package dev.thoth.pdfmonitor.extraction;

import java.util.List;

/**
 * A citation in the body text: "[3]", "[1, 4–6]", "(Smith, 2001)".
 *
 * @param page the page it is printed on
 * @param text the marker as printed
 * @param positions the positions (starting at 1) of the reference entries it cites, as
 * far as they could be resolved; empty when none could
 */
public record CitationMarker(int page, String text, List<Integer> positions) {

	public CitationMarker {
		positions = List.copyOf(positions);
	}

}
