package dev.thoth.pdfmonitor.extraction;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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

	/** For each entry position, the pages whose markers cite it, in page order. */
	public Map<Integer, List<Integer>> pagesCitingEachEntry() {
		Map<Integer, TreeSet<Integer>> pages = new TreeMap<>();
		for (CitationMarker marker : this.citations) {
			for (int position : marker.positions()) {
				pages.computeIfAbsent(position, (key) -> new TreeSet<>()).add(marker.page());
			}
		}
		Map<Integer, List<Integer>> result = new TreeMap<>();
		pages.forEach((position, onPages) -> result.put(position, List.copyOf(onPages)));
		return result;
	}

}
