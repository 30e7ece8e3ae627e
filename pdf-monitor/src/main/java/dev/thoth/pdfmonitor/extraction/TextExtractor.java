package dev.thoth.pdfmonitor.extraction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.thoth.pdfmonitor.ocr.OcrPage;
import dev.thoth.pdfmonitor.ocr.OcrWord;
import dev.thoth.vectorstore.RunningLines;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Extracts the text of a PDF page by page in reading order (two-column pages are read
 * column by column), with ligatures, diacritics, end-of-line hyphenation and whitespace
 * repaired, plus the layout of the first pages for metadata extraction. The body text
 * leaves out the running headers, footers and page numbers ({@link RunningLines}); the
 * page text keeps them, since a running footer may carry the venue or the DOI.
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
		return extract(document, Map.of());
	}

	/**
	 * The text, with the words OCR recognised in place of the text layer on the given
	 * pages; those go through the same layout (columns, reading order, hyphenation) as
	 * any other page.
	 * @param document the document
	 * @param recognised OCR results by page number, starting at 1
	 */
	public ExtractedText extract(PDDocument document, Map<Integer, OcrPage> recognised) {
		List<GlyphCollector.Page> pages;
		try {
			pages = new ArrayList<>(new GlyphCollector().collect(document));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the text of the PDF", ex);
		}
		pages.replaceAll((page) -> recognised.containsKey(page.number())
				? ocrGlyphs(page.number(), recognised.get(page.number())) : page);
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
		Map<Integer, Float> heights = new HashMap<>();
		pages.forEach((page) -> heights.put(page.number(), page.height()));
		Set<LayoutLine> running = RunningLines.find(lines, LayoutLine::page, LayoutLine::text,
				(line) -> line.y() / Math.max(1f, heights.get(line.page())));
		List<PageText> texts = new ArrayList<>();
		List<PageText> body = new ArrayList<>();
		List<PageText> margins = new ArrayList<>();
		for (GlyphCollector.Page page : pages) {
			List<String> pageLines = new ArrayList<>();
			List<String> bodyLines = new ArrayList<>();
			for (LayoutLine line : lines) {
				if (line.page() == page.number()) {
					pageLines.add(line.text());
					if (!running.contains(line)) {
						bodyLines.add(line.text());
					}
				}
			}
			if (!page.rotated().isEmpty()) {
				margins.add(new PageText(page.number(), String.join("\n", page.rotated())));
			}
			PageText whole = new PageText(page.number(), TextCleaner.joinLines(pageLines, "\n", vocabulary));
			texts.add(whole);
			body.add((bodyLines.size() == pageLines.size()) ? whole
					: new PageText(page.number(), TextCleaner.joinLines(bodyLines, "\n", vocabulary)));
		}
		float width = pages.isEmpty() ? 0 : pages.get(0).width();
		float height = pages.isEmpty() ? 0 : pages.get(0).height();
		return new ExtractedText(texts, body, lines, layout, width, height, recognised.keySet(), margins);
	}

	/**
	 * OCR words as glyphs: the letters share the word's box evenly, and a space separates
	 * the words of a line however narrow the gap Tesseract saw.
	 */
	private static GlyphCollector.Page ocrGlyphs(int number, OcrPage page) {
		List<GlyphCollector.Glyph> glyphs = new ArrayList<>();
		for (List<OcrWord> line : page.lines()) {
			OcrWord previous = null;
			for (OcrWord word : line) {
				if (previous != null && word.x() > previous.right()) {
					glyphs.add(new GlyphCollector.Glyph(" ", previous.right(), word.baseline(),
							word.x() - previous.right(), word.size(), false));
				}
				int[] letters = TextCleaner.glyph(word.text()).codePoints().toArray();
				float advance = word.width() / Math.max(1, letters.length);
				for (int i = 0; i < letters.length; i++) {
					glyphs.add(new GlyphCollector.Glyph(Character.toString(letters[i]), word.x() + i * advance,
							word.baseline(), advance, word.size(), false));
				}
				previous = word;
			}
		}
		return new GlyphCollector.Page(number, page.width(), page.height(), glyphs);
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
