package dev.thoth.pdfmonitor.extraction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.thoth.pdfmonitor.extraction.GlyphCollector.Glyph;
import dev.thoth.pdfmonitor.extraction.GlyphCollector.Page;

/**
 * Turns the glyphs of one page into lines in reading order. Glyphs are grouped into rows
 * by baseline; a vertical gutter that most rows leave empty marks a two-column page,
 * whose rows are then split at the gutter. Rows that cross the gutter (title, authors,
 * wide figures) separate bands, and each band is read left column first.
 */
final class PageLayout {

	/** Two glyphs further apart than this (in em) are separate words. */
	private static final float WORD_GAP = 0.16f;

	/** Two glyph runs further apart than this (in em) are separate pieces of a line. */
	private static final float SEGMENT_GAP = 1.2f;

	/** Half the width of the probe that looks for an empty gutter. */
	private static final float GUTTER_PROBE = 2.5f;

	private PageLayout() {
	}

	record Result(List<LayoutLine> lines, List<LayoutLine> segments) {

	}

	static Result layout(Page page) {
		List<Glyph> glyphs = page.glyphs();
		List<Row> rows = rows(glyphs);
		float gutter = gutter(rows, page.width());
		List<LayoutLine> lines = new ArrayList<>();
		List<LayoutLine> segments = new ArrayList<>();
		if (Float.isNaN(gutter)) {
			rows.sort(Comparator.comparingDouble((Row row) -> row.refY));
			for (Row row : rows) {
				emit(page.number(), row, 0, lines, segments);
			}
			return new Result(lines, sortSegments(segments));
		}
		List<Row> spanning = new ArrayList<>();
		List<Glyph> left = new ArrayList<>();
		List<Glyph> right = new ArrayList<>();
		for (Row row : rows) {
			if (row.spans(gutter)) {
				spanning.add(row);
			}
			else {
				Map<Integer, float[]> runs = row.contentRuns();
				for (Glyph glyph : row.glyphs) {
					float[] run = runs.get(glyph.run());
					boolean wholeRow = run == null
							|| (run[0] < gutter - 3 * row.refSize && run[1] > gutter + 3 * row.refSize);
					// A drawn run goes where it starts: widths that are off make a left
					// column's line reach past the gutter.
					float at = wholeRow ? (glyph.x() + glyph.right()) / 2 : run[0];
					((at < gutter) ? left : right).add(glyph);
				}
			}
		}
		spanning.sort(Comparator.comparingDouble((Row row) -> row.refY));
		List<Row> leftRows = rows(left);
		List<Row> rightRows = rows(right);
		leftRows.sort(Comparator.comparingDouble((Row row) -> row.refY));
		rightRows.sort(Comparator.comparingDouble((Row row) -> row.refY));
		int l = 0;
		int r = 0;
		for (int band = 0; band <= spanning.size(); band++) {
			float limit = (band < spanning.size()) ? spanning.get(band).refY : Float.MAX_VALUE;
			while (l < leftRows.size() && leftRows.get(l).refY < limit) {
				emit(page.number(), leftRows.get(l++), 1, lines, segments);
			}
			while (r < rightRows.size() && rightRows.get(r).refY < limit) {
				emit(page.number(), rightRows.get(r++), 2, lines, segments);
			}
			if (band < spanning.size()) {
				emit(page.number(), spanning.get(band), 0, lines, segments);
			}
		}
		return new Result(lines, sortSegments(segments));
	}

	private static List<LayoutLine> sortSegments(List<LayoutLine> segments) {
		segments.sort(Comparator.comparingDouble(LayoutLine::y).thenComparingDouble(LayoutLine::x));
		return segments;
	}

	private static void emit(int page, Row row, int column, List<LayoutLine> lines, List<LayoutLine> segments) {
		List<Glyph> sorted = row.sortedByX();
		LayoutLine line = line(page, sorted, row.refY, column);
		if (line != null) {
			lines.add(line);
		}
		int start = 0;
		Glyph previous = null;
		for (int i = 0; i < sorted.size(); i++) {
			Glyph glyph = sorted.get(i);
			if (glyph.isSpace()) {
				continue;
			}
			if (previous != null
					&& glyph.x() - previous.right() > SEGMENT_GAP * Math.max(glyph.size(), previous.size())) {
				addIfPresent(segments, line(page, sorted.subList(start, i), row.refY, column));
				start = i;
			}
			previous = glyph;
		}
		addIfPresent(segments, line(page, sorted.subList(start, sorted.size()), row.refY, column));
	}

	private static void addIfPresent(List<LayoutLine> list, LayoutLine line) {
		if (line != null) {
			list.add(line);
		}
	}

	/** Builds the text of glyphs sorted by x: spaces, diacritics, duplicates. */
	private static LayoutLine line(int page, List<Glyph> sorted, float y, int column) {
		StringBuilder text = new StringBuilder();
		float minX = Float.MAX_VALUE;
		float maxX = -Float.MAX_VALUE;
		// dominant size and boldness, by character count
		List<float[]> sizes = new ArrayList<>();
		int bold = 0;
		int counted = 0;
		Glyph previous = null;
		boolean pendingSpace = false;
		for (int i = 0; i < sorted.size(); i++) {
			Glyph glyph = sorted.get(i);
			if (glyph.isSpace()) {
				pendingSpace = previous != null;
				continue;
			}
			if (previous != null && glyph.text().equals(previous.text()) && Math.abs(glyph.x() - previous.x()) < 0.6f
					&& Math.abs(glyph.y() - previous.y()) < 0.6f) {
				continue; // drawn twice (fake bold, shadow)
			}
			if (TextCleaner.isDiacritic(glyph.text()) && text.length() > 0 && previous != null) {
				float center = (glyph.x() + glyph.right()) / 2;
				Glyph next = nextLetter(sorted, i);
				if (next != null && center >= next.x() - 0.5f && center <= next.right() + 0.5f
						&& !(center >= previous.x() && center <= previous.right())) {
					// the accent precedes its letter: attach it when the letter comes
					sorted = withCombined(sorted, i, next);
					i--;
					continue;
				}
				if (center >= previous.x() - 0.5f && center <= previous.right() + 0.5f) {
					int last = text.length() - 1;
					String combined = TextCleaner.combine(text.substring(last), glyph.text());
					text.setLength(last);
					text.append(combined);
					continue;
				}
			}
			if (previous != null) {
				float gap = glyph.x() - previous.right();
				if (pendingSpace || gap > WORD_GAP * Math.max(glyph.size(), previous.size())) {
					text.append(' ');
				}
			}
			pendingSpace = false;
			text.append(glyph.text());
			minX = Math.min(minX, glyph.x());
			maxX = Math.max(maxX, glyph.right());
			addSize(sizes, glyph.size());
			if (glyph.bold()) {
				bold++;
			}
			counted++;
			previous = glyph;
		}
		if (counted == 0) {
			return null;
		}
		float size = 0;
		float best = -1;
		for (float[] entry : sizes) {
			if (entry[1] > best) {
				best = entry[1];
				size = entry[0];
			}
		}
		return new LayoutLine(page, TextCleaner.separateRunTogether(TextCleaner.collapse(text.toString())),
				Math.round(size * 10) / 10f, bold * 2 > counted, minX, y, maxX - minX, column);
	}

	private static Glyph nextLetter(List<Glyph> sorted, int index) {
		for (int i = index + 1; i < sorted.size() && i <= index + 2; i++) {
			Glyph candidate = sorted.get(i);
			if (!candidate.isSpace() && !TextCleaner.isDiacritic(candidate.text())) {
				return candidate;
			}
		}
		return null;
	}

	private static List<Glyph> withCombined(List<Glyph> sorted, int accentIndex, Glyph letter) {
		List<Glyph> copy = new ArrayList<>(sorted);
		int letterIndex = copy.indexOf(letter);
		Glyph accent = copy.get(accentIndex);
		copy.set(letterIndex, new Glyph(TextCleaner.combine(letter.text(), accent.text()), letter.x(), letter.y(),
				letter.width(), letter.size(), letter.bold(), letter.run()));
		copy.remove(accentIndex);
		return copy;
	}

	private static void addSize(List<float[]> sizes, float size) {
		for (float[] entry : sizes) {
			if (Math.abs(entry[0] - size) < 0.25f) {
				entry[1]++;
				return;
			}
		}
		sizes.add(new float[] { size, 1 });
	}

	/** Groups glyphs into rows by baseline; superscripts join the row they belong to. */
	static List<Row> rows(List<Glyph> glyphs) {
		List<Glyph> sorted = new ArrayList<>(glyphs);
		sorted.sort(Comparator.comparingDouble(Glyph::y).thenComparingDouble(Glyph::x));
		List<Row> rows = new ArrayList<>();
		for (Glyph glyph : sorted) {
			Row best = null;
			float bestDistance = Float.MAX_VALUE;
			for (int i = rows.size() - 1; i >= 0; i--) {
				Row row = rows.get(i);
				if (row.refY < glyph.y() - 60) {
					break;
				}
				float small = Math.min(glyph.size(), row.refSize);
				float large = Math.max(glyph.size(), row.refSize);
				float distance = Math.abs(glyph.y() - row.refY);
				boolean close = distance <= 0.5f * small || distance <= 0.55f * large;
				if (close && small >= 0.4f * large && distance < bestDistance) {
					best = row;
					bestDistance = distance;
				}
			}
			if (best == null) {
				best = new Row();
				rows.add(best);
			}
			best.add(glyph);
		}
		rows.removeIf((row) -> row.minX == Float.MAX_VALUE);
		return rows;
	}

	/**
	 * The x of the gutter between two columns, or NaN for a page that is not set in two
	 * columns.
	 */
	static float gutter(List<Row> rows, float pageWidth) {
		int from = (int) (pageWidth * 0.3f);
		int to = (int) (pageWidth * 0.7f);
		int bins = to - from + 1;
		if (bins <= 0 || rows.size() < 8) {
			return Float.NaN;
		}
		int[] crossing = new int[bins];
		int[] both = new int[bins];
		int textRows = 0;
		for (Row row : rows) {
			List<float[]> runs = row.runs();
			if (row.glyphCount() < 5) {
				continue;
			}
			textRows++;
			boolean[] covered = new boolean[bins];
			for (float[] run : runs) {
				int a = Math.max(0, (int) Math.floor(run[0] - GUTTER_PROBE) - from);
				int b = Math.min(bins - 1, (int) Math.ceil(run[1] + GUTTER_PROBE) - from);
				for (int i = a; i <= b; i++) {
					covered[i] = true;
				}
			}
			for (int i = 0; i < bins; i++) {
				float x = from + i;
				if (covered[i]) {
					crossing[i]++;
				}
				else if (row.minX < x - GUTTER_PROBE && row.maxX > x + GUTTER_PROBE) {
					both[i]++;
				}
			}
		}
		int best = -1;
		int bestScore = 0;
		int minimum = Math.max(4, textRows / 4);
		if (System.getProperty("gutdebug") != null) {
			for (int i = 0; i < bins; i += 3)
				System.out.print((from + i) + ":" + both[i] + "/" + crossing[i] + " ");
			System.out.println(" textRows=" + textRows);
		}
		for (int i = 0; i < bins; i++) {
			int score = both[i] - 2 * crossing[i];
			if (both[i] >= minimum && crossing[i] * 2 <= both[i] && score > bestScore) {
				best = i;
				bestScore = score;
			}
		}
		if (best < 0) {
			return alignedGutter(rows, pageWidth, textRows);
		}
		int a = best;
		int b = best;
		while (a > 0 && both[a - 1] - 2 * crossing[a - 1] >= bestScore * 0.9) {
			a--;
		}
		while (b < bins - 1 && both[b + 1] - 2 * crossing[b + 1] >= bestScore * 0.9) {
			b++;
		}
		return from + (a + b) / 2f;
	}

	/**
	 * A gutter told by where lines start rather than by empty space: many drawn runs
	 * starting at one x in the middle of the page (the right column's edge) and as many
	 * column-wide ones starting near the left margin. Finds columns whose lines seem to
	 * overlap because the PDF's glyph widths are off; NaN when there is no such edge.
	 */
	static float alignedGutter(List<Row> rows, float pageWidth, int textRows) {
		int[] starts = new int[(int) pageWidth / 2 + 2];
		int left = 0;
		for (Row row : rows) {
			for (float[] run : row.contentRuns().values()) {
				float width = run[1] - run[0];
				if (run[0] >= pageWidth * 0.4f && run[0] <= pageWidth * 0.62f && width >= pageWidth * 0.2f) {
					starts[(int) (run[0] / 2)]++;
				}
				else if (run[0] < pageWidth * 0.25f && width >= pageWidth * 0.25f && width <= pageWidth * 0.5f) {
					left++;
				}
			}
		}
		int bestBin = -1;
		int bestCount = 0;
		for (int i = 1; i < starts.length - 1; i++) {
			int count = starts[i - 1] + starts[i] + starts[i + 1];
			if (count > bestCount) {
				bestCount = count;
				bestBin = i;
			}
		}
		int minimum = Math.max(6, textRows / 5);
		if (bestBin < 0 || bestCount < minimum || left < minimum) {
			return Float.NaN;
		}
		float edge = Float.MAX_VALUE;
		for (Row row : rows) {
			for (float[] run : row.contentRuns().values()) {
				if (Math.abs(run[0] - (bestBin * 2 + 1)) <= 3) {
					edge = Math.min(edge, run[0]);
				}
			}
		}
		return edge - 1;
	}

	static final class Row {

		final List<Glyph> glyphs = new ArrayList<>();

		float refY;

		float refSize;

		float minX = Float.MAX_VALUE;

		float maxX = -Float.MAX_VALUE;

		private List<float[]> runs;

		void add(Glyph glyph) {
			if (this.glyphs.isEmpty() || glyph.size() > this.refSize + 0.5f) {
				this.refY = glyph.y();
				this.refSize = glyph.size();
			}
			this.glyphs.add(glyph);
			if (!glyph.isSpace()) {
				this.minX = Math.min(this.minX, glyph.x());
				this.maxX = Math.max(this.maxX, glyph.right());
			}
			this.runs = null;
		}

		int glyphCount() {
			return this.glyphs.size();
		}

		List<Glyph> sortedByX() {
			List<Glyph> sorted = new ArrayList<>(this.glyphs);
			sorted.sort(Comparator.comparingDouble(Glyph::x));
			return sorted;
		}

		/** Runs of glyphs closer than a word gap: [start, end] pairs. */
		List<float[]> runs() {
			if (this.runs == null) {
				List<float[]> result = new ArrayList<>();
				float[] current = null;
				for (Glyph glyph : sortedByX()) {
					if (glyph.isSpace()) {
						continue;
					}
					if (current != null && glyph.x() - current[1] <= 0.3f * glyph.size()) {
						current[1] = Math.max(current[1], glyph.right());
					}
					else {
						current = new float[] { glyph.x(), glyph.right() };
						result.add(current);
					}
				}
				this.runs = result;
			}
			return this.runs;
		}

		/** The drawn runs of the row's glyphs: run id to [start, end]. */
		Map<Integer, float[]> contentRuns() {
			Map<Integer, float[]> result = new LinkedHashMap<>();
			for (Glyph glyph : this.glyphs) {
				if (glyph.run() < 0 || glyph.isSpace()) {
					continue;
				}
				float[] run = result.computeIfAbsent(glyph.run(),
						(id) -> new float[] { Float.MAX_VALUE, -Float.MAX_VALUE });
				run[0] = Math.min(run[0], glyph.x());
				run[1] = Math.max(run[1], glyph.right());
			}
			return result;
		}

		/** Whether the row crosses the gutter: it is one line across both columns. */
		boolean spans(float gutter) {
			Map<Integer, float[]> drawn = contentRuns();
			if (!drawn.isEmpty()) {
				boolean crossing = false;
				for (float[] run : drawn.values()) {
					crossing |= run[0] < gutter - 0.5f && run[1] > gutter + 2.5f * this.refSize;
				}
				if (!crossing) {
					// every run keeps to its side, give or take widths that are off
					return false;
				}
			}
			float lastLeft = -Float.MAX_VALUE;
			float firstRight = Float.MAX_VALUE;
			float size = this.refSize;
			for (float[] run : runs()) {
				if (run[0] <= gutter + 1 && run[1] >= gutter - 1) {
					return true;
				}
				if (run[1] < gutter) {
					lastLeft = Math.max(lastLeft, run[1]);
				}
				else {
					firstRight = Math.min(firstRight, run[0]);
				}
			}
			return lastLeft > -Float.MAX_VALUE && firstRight < Float.MAX_VALUE && firstRight - lastLeft < 0.9f * size;
		}

	}

}
