package dev.thoth.pdfmonitor.extraction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Extracts the text of a PDF page by page in reading order (two-column pages are read
 * column by column), with ligatures, diacritics, end-of-line hyphenation and whitespace
 * repaired, plus the layout of the first pages for metadata extraction.
 */
public class TextExtractor {

	private static final Pattern WORD = Pattern.compile("\\p{L}+(?:-\\p{L}+)*");

	private final int layoutPages;

	public TextExtractor() {
		this(2);
	}

	/**
	 * @param layoutPages how many of the first pages to expose as layout pieces
	 */
	public TextExtractor(int layoutPages) {
		this.layoutPages = layoutPages;
	}

	public ExtractedText extract(PDDocument document) {
		List<GlyphCollector.Page> pages;
		try {
			pages = new GlyphCollector().collect(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the text of the PDF", ex);
		}
		List<LayoutLine> lines = new ArrayList<>();
		List<LayoutLine> layout = new ArrayList<>();
		for (GlyphCollector.Page page : pages) {
			PageLayout.Result result = PageLayout.layout(page);
			lines.addAll(result.lines());
			if (page.number() <= this.layoutPages) {
				layout.addAll(result.segments());
			}
		}
		Set<String> vocabulary = vocabulary(lines);
		List<PageText> texts = new ArrayList<>();
		for (GlyphCollector.Page page : pages) {
			List<String> pageLines = new ArrayList<>();
			for (LayoutLine line : lines) {
				if (line.page() == page.number()) {
					pageLines.add(line.text());
				}
			}
			texts.add(new PageText(page.number(), TextCleaner.joinLines(pageLines, "\n", vocabulary)));
		}
		float width = pages.isEmpty() ? 0 : pages.get(0).width();
		float height = pages.isEmpty() ? 0 : pages.get(0).height();
		return new ExtractedText(texts, lines, layout, width, height);
	}

	/** Every word of the document in lower case, hyphenated compounds included. */
	static Set<String> vocabulary(List<LayoutLine> lines) {
		Set<String> words = new HashSet<>();
		for (LayoutLine line : lines) {
			String text = line.text();
			Matcher matcher = WORD.matcher(text);
			while (matcher.find()) {
				if (matcher.end() < text.length() && text.charAt(matcher.end()) == '-'
						&& matcher.end() == text.length() - 1) {
					continue; // the first half of a hyphenated word
				}
				words.add(matcher.group().toLowerCase(Locale.ROOT));
			}
		}
		return words;
	}

}
