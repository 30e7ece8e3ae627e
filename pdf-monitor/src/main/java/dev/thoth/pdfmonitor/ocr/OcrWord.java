package dev.thoth.pdfmonitor.ocr;

/**
 * One word Tesseract recognised, in PDF points from the top left corner of the page.
 *
 * @param text the word
 * @param x left edge
 * @param baseline the baseline under the word
 * @param width width
 * @param size the font size, estimated from the line's x-height
 * @param confidence Tesseract's confidence in the word, 0 to 100
 */
public record OcrWord(String text, float x, float baseline, float width, float size, int confidence) {

	public float right() {
		return this.x + this.width;
	}

}
