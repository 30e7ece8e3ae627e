package dev.thoth.pdfmonitor.extraction;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text of a document.
 *
 * @param pages the text of every page in reading order
 * @param body the same pages without their running headers, footers and page numbers
 * ({@link dev.thoth.vectorstore.RunningLines}): the text that passages, summaries and key
 * points are made of
 * @param lines every line of every page in reading order, with its geometry (the text of
 * a line is not yet de-hyphenated)
 * @param layout the first pages' lines split into their separate pieces (for example
 * authors set side by side), ordered top to bottom then left to right, for metadata
 * extraction
 * @param pageWidth the width of the first page in points
 * @param pageHeight the height of the first page in points
 * @param ocrPages the numbers of the pages whose text was recognised by OCR, not taken
 * from a text layer
 * @param margins text set at an angle on each page (margin stamps such as arXiv's
 * "arXiv:1504.06236v2 [cs.SI] 24 Apr 2015"), one line per run; not part of the body
 */
public record ExtractedText(List<PageText> pages, List<PageText> body, List<LayoutLine> lines, List<LayoutLine> layout,
		float pageWidth, float pageHeight, Set<Integer> ocrPages, List<PageText> margins) {

	public ExtractedText {
		pages = List.copyOf(pages);
		body = List.copyOf(body);
		lines = List.copyOf(lines);
		layout = List.copyOf(layout);
		ocrPages = Set.copyOf(ocrPages);
		margins = List.copyOf(margins);
	}

	/** Text from the text layer only, with nothing to tell apart from the body. */
	public ExtractedText(List<PageText> pages, List<LayoutLine> lines, List<LayoutLine> layout, float pageWidth,
			float pageHeight) {
		this(pages, pages, lines, layout, pageWidth, pageHeight, Set.of(), List.of());
	}

	/** The rotated margin text of a page, or "" when it has none. */
	public String marginOfPage(int page) {
		return this.margins.stream()
			.filter((margin) -> margin.number() == page)
			.map(PageText::text)
			.findFirst()
			.orElse("");
	}

	/** The whole text, pages separated by a form feed. */
	public String fullText() {
		return this.pages.stream().map(PageText::text).collect(Collectors.joining("\n\f"));
	}

	/** The body text ({@link #body()}), pages separated by a form feed. */
	public String bodyText() {
		return this.body.stream().map(PageText::text).collect(Collectors.joining("\n\f"));
	}

	public List<LayoutLine> linesOfPage(int page) {
		return this.lines.stream().filter((line) -> line.page() == page).toList();
	}

}
