package dev.thoth.pdfmonitor.extraction;

import java.util.List;
import java.util.Map;

import dev.thoth.domain.papers.FieldSource;

/**
 * The bibliographic metadata of a paper as printed on it. Every field that has a value
 * has an entry in {@code sources} (keyed by the field names below) telling where it came
 * from ("layout", "text", "pdf-metadata", or "ocr" when the first page had no text layer
 * and was read by OCR; "crossref" once completed by an online lookup) and how confident
 * the extractor is; fields without a value have none.
 *
 * @param title the title, or null
 * @param authors full names in printed order (honorifics, marks and emails dropped)
 * @param year the publication year as printed, or null
 * @param doi the DOI as printed, without "doi:" or resolver prefix, or null
 * @param arxivId the arXiv identifier as printed, or null
 * @param venue the venue as printed (no volume or pages), or null
 * @param abstractText the abstract without its label, or null
 * @param keywords the printed keywords or index terms, possibly empty
 * @param sources where each field came from
 */
public record ExtractedMetadata(String title, List<String> authors, Integer year, String doi, String arxivId,
		String venue, String abstractText, List<String> keywords, Map<String, FieldSource> sources) {

	public static final String TITLE = "title";

	public static final String AUTHORS = "authors";

	public static final String YEAR = "year";

	public static final String DOI = "doi";

	public static final String ARXIV_ID = "arxivId";

	public static final String VENUE = "venue";

	public static final String ABSTRACT = "abstract";

	public static final String KEYWORDS = "keywords";

	public ExtractedMetadata {
		authors = List.copyOf(authors);
		keywords = List.copyOf(keywords);
		sources = Map.copyOf(sources);
	}

	/** The first sentence of the abstract, or null. */
	public String abstractFirstSentence() {
		if (this.abstractText == null) {
			return null;
		}
		java.util.regex.Matcher end = java.util.regex.Pattern
			.compile("(?<!\\s\\p{Lu})(?<!\\b(?:e\\.g|i\\.e|et al|cf|vs|Fig|Eq|al))[.!?](?=\\s+[\\p{Lu}\\d(])")
			.matcher(this.abstractText);
		return end.find() ? this.abstractText.substring(0, end.end()) : this.abstractText;
	}

}
