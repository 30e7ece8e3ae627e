package dev.thoth.pdfmonitor.ocr;

import java.util.List;

/**
 * The words recognised on one page, line by line in Tesseract's reading order.
 *
 * @param width the width of the rendered page in points
 * @param height the height of the rendered page in points
 * @param lines the recognised lines, each a list of words from left to right
 */
public record OcrPage(float width, float height, List<List<OcrWord>> lines) {

	public OcrPage {
		lines = lines.stream().map(List::copyOf).toList();
	}

	/** Non-blank characters recognised. */
	public int characters() {
		return this.lines.stream().flatMap(List::stream).mapToInt((word) -> word.text().length()).sum();
	}

}
