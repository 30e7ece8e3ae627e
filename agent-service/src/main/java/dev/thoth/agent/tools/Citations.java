package dev.thoth.agent.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Citations taken from a tool's structured result: every object in it that names a paper,
 * a page and a PDF link (search passages, answer citations, found quotes).
 */
final class Citations {

	private static final int QUOTE_LENGTH = 400;

	private Citations() {
	}

	static List<Citation> in(Object structured) {
		List<Citation> found = new ArrayList<>();
		collect(structured, found);
		return found;
	}

	private static void collect(Object node, List<Citation> found) {
		if (node instanceof Map<?, ?> map) {
			Citation citation = citation(map);
			if (citation != null) {
				found.add(citation);
				return;
			}
			map.values().forEach((value) -> collect(value, found));
		}
		else if (node instanceof Collection<?> list) {
			list.forEach((value) -> collect(value, found));
		}
	}

	private static Citation citation(Map<?, ?> map) {
		if (!(map.get("paperId") instanceof String paperId) || !(map.get("pdfUrl") instanceof String pdfUrl)
				|| !(map.get("page") instanceof Number page)) {
			return null;
		}
		Object quote = (map.get("quote") != null) ? map.get("quote") : map.get("text");
		try {
			return new Citation(UUID.fromString(paperId), (map.get("title") instanceof String title) ? title : null,
					page.intValue(), (quote instanceof String text) ? shorten(text) : null, pdfUrl);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String shorten(String text) {
		String flat = text.strip().replaceAll("\\s+", " ");
		return (flat.length() <= QUOTE_LENGTH) ? flat : flat.substring(0, QUOTE_LENGTH - 1) + "…";
	}

}
