package dev.thoth.pdfmonitor.extraction;

/**
 * One printed line (or one separated piece of a line, such as one of several author names
 * set side by side) with its geometry. Coordinates are in PDF points from the top left
 * corner of the page; {@code y} is the baseline.
 *
 * @param page the page number, starting at 1
 * @param text the text, ligatures repaired, whitespace collapsed
 * @param fontSize the dominant font size in points
 * @param bold whether most of the characters are set in a bold face
 * @param x left edge
 * @param y baseline
 * @param width width
 * @param column 0 for a line that spans the page (or a one-column page), 1 for the left
 * and 2 for the right column of a two-column page
 */
public record LayoutLine(int page, String text, float fontSize, boolean bold, float x, float y, float width,
		int column) {

	public float right() {
		return this.x + this.width;
	}

}
