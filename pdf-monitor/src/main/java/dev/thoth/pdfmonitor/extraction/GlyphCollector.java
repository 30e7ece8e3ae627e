package dev.thoth.pdfmonitor.extraction;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Collects the glyphs of each page with their geometry, and nothing else: the layout
 * (lines, columns, reading order) is Thoth's own, in {@link PageLayout}.
 */
final class GlyphCollector extends PDFTextStripper {

	/**
	 * @param run the piece of text the glyph was drawn in: glyphs drawn one after the
	 * other along a line share it; -1 when unknown (OCR). A column's line starts a new
	 * run, so a run's first glyph tells its column even where glyph widths are off.
	 */
	record Glyph(String text, float x, float y, float width, float size, boolean bold, int run) {

		Glyph(String text, float x, float y, float width, float size, boolean bold) {
			this(text, x, y, width, size, bold, -1);
		}

		float right() {
			return this.x + this.width;
		}

		boolean isSpace() {
			return this.text.isBlank();
		}

	}

	/**
	 * @param rotated text set at an angle (margin stamps such as arXiv's), in the order
	 * it is drawn, one string per run
	 */
	record Page(int number, float width, float height, List<Glyph> glyphs, List<String> rotated) {

		Page(int number, float width, float height, List<Glyph> glyphs) {
			this(number, width, height, glyphs, List.of());
		}

	}

	private final List<Page> pages = new ArrayList<>();

	private final Map<PDFont, Boolean> boldFonts = new HashMap<>();

	private List<Glyph> current;

	private List<String> rotated;

	private StringBuilder rotatedRun;

	private TextPosition lastRotated;

	private PDRectangle box;

	private int run;

	private Glyph lastGlyph;

	private int pageNumber;

	GlyphCollector() {
		setSortByPosition(false);
		setSuppressDuplicateOverlappingText(false);
	}

	List<Page> collect(PDDocument document) throws IOException {
		this.pages.clear();
		this.pageNumber = 0;
		writeText(document, new StringWriter());
		return List.copyOf(this.pages);
	}

	@Override
	protected void startPage(PDPage page) {
		this.pageNumber++;
		this.current = new ArrayList<>();
		this.lastGlyph = null;
		this.rotated = new ArrayList<>();
		this.rotatedRun = new StringBuilder();
		this.lastRotated = null;
		this.box = page.getCropBox();
	}

	@Override
	protected void endPage(PDPage page) {
		endRotatedRun();
		this.pages.add(new Page(this.pageNumber, this.box.getWidth(), this.box.getHeight(), this.current,
				List.copyOf(this.rotated)));
	}

	@Override
	protected void processTextPosition(TextPosition text) {
		if (text.getDir() != 0) {
			// rotated text: margin stamps, rotated table headers; kept apart from the
			// page
			addRotated(text);
			return;
		}
		String unicode = TextCleaner.glyph(text.getUnicode());
		if (unicode.isEmpty()) {
			return;
		}
		float x = text.getXDirAdj();
		float y = text.getYDirAdj();
		if (x < -2 || y < 0 || x > this.box.getWidth() + 2 || y > this.box.getHeight() + 2) {
			return;
		}
		float size = text.getFontSizeInPt();
		if (!(size > 0.5f)) {
			size = Math.max(1f, text.getHeightDir());
		}
		Glyph last = this.lastGlyph;
		if (last == null || Math.abs(y - last.y()) > 0.5f * Math.max(size, last.size()) || x < last.x() - 0.5f
				|| x - last.right() > 1.2f * Math.max(size, last.size())) {
			this.run++;
		}
		Glyph glyph = new Glyph(unicode, x, y, Math.max(0f, text.getWidthDirAdj()), size, isBold(text.getFont()),
				this.run);
		this.current.add(glyph);
		this.lastGlyph = glyph;
	}

	/**
	 * Rotated glyphs in drawing order: a jump along or across the line starts a new run.
	 */
	private void addRotated(TextPosition text) {
		String unicode = TextCleaner.glyph(text.getUnicode());
		if (unicode.isEmpty()) {
			return;
		}
		TextPosition last = this.lastRotated;
		if (last != null) {
			float size = Math.max(1f, text.getFontSizeInPt());
			float gap = text.getXDirAdj() - (last.getXDirAdj() + last.getWidthDirAdj());
			if (last.getDir() != text.getDir() || Math.abs(text.getYDirAdj() - last.getYDirAdj()) > size
					|| gap < -size) {
				endRotatedRun();
			}
			else if (gap > 0.16f * size && !this.rotatedRun.isEmpty()
					&& this.rotatedRun.charAt(this.rotatedRun.length() - 1) != ' ') {
				this.rotatedRun.append(' ');
			}
		}
		this.rotatedRun.append(unicode);
		this.lastRotated = text;
	}

	private void endRotatedRun() {
		String run = TextCleaner.collapse(this.rotatedRun.toString());
		if (!run.isEmpty()) {
			this.rotated.add(run);
		}
		this.rotatedRun.setLength(0);
		this.lastRotated = null;
	}

	private boolean isBold(PDFont font) {
		if (font == null) {
			return false;
		}
		return this.boldFonts.computeIfAbsent(font, GlyphCollector::boldFace);
	}

	private static boolean boldFace(PDFont font) {
		String name = String.valueOf(font.getName()).toLowerCase(Locale.ROOT);
		int plus = name.indexOf('+');
		if (plus >= 0) {
			name = name.substring(plus + 1);
		}
		if (name.contains("bold") || name.contains("black") || name.contains("heavy") || name.contains("semibold")
				|| name.contains("demi") || name.matches("^(cm|lm|eu)?[a-z]*bx.*") || name.matches(".*-b$")) {
			return true;
		}
		PDFontDescriptor descriptor = font.getFontDescriptor();
		return descriptor != null && (descriptor.isForceBold() || descriptor.getFontWeight() >= 600);
	}

}
