package dev.thoth.vectorstore;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunningLinesTests {

	/** A printed line: its page, text and how far down the page it sits (0 to 1). */
	record Line(int page, String text, double top) {
	}

	private static List<Line> without(List<Line> lines) {
		return RunningLines.without(lines, Line::page, Line::text, Line::top);
	}

	private static List<Line> page(int number, String header, String footer, String... body) {
		List<Line> lines = new ArrayList<>();
		if (header != null) {
			lines.add(new Line(number, header, 0.05));
		}
		for (int i = 0; i < body.length; i++) {
			lines.add(new Line(number, body[i], 0.2 + 0.6 * i / Math.max(1, body.length - 1)));
		}
		if (footer != null) {
			lines.add(new Line(number, footer, 0.95));
		}
		return lines;
	}

	@Test
	void headersFootersAndPageNumbersRepeatedAcrossPagesGo() {
		List<Line> document = new ArrayList<>();
		document.addAll(page(1, "Journal of Plant Physiology 12 (2008) 101–110", "101", "Stomata at night",
				"Succulents open their stomata at night."));
		document.addAll(page(2, "Journal of Plant Physiology 12 (2008) 101–110", "102", "They fix carbon dioxide.",
				"Malic acid is stored in the vacuole."));
		document.addAll(page(3, "Journal of Plant Physiology 12 (2008) 101–110", "103", "By day the stomata close.",
				"Water is saved."));
		assertThat(without(document)).extracting(Line::text)
			.containsExactly("Stomata at night", "Succulents open their stomata at night.", "They fix carbon dioxide.",
					"Malic acid is stored in the vacuole.", "By day the stomata close.", "Water is saved.");
	}

	@Test
	void digitsAsideTheWordsDecideWhereverThePageNumberStands() {
		List<Line> document = new ArrayList<>();
		document.addAll(page(1, "272 Notes", null, "First page text."));
		document.addAll(page(2, "Notes 273", null, "Second page text."));
		assertThat(without(document)).extracting(Line::text).containsExactly("First page text.", "Second page text.");
		assertThat(RunningLines.key("Page 3 of 12")).isEqualTo(RunningLines.key("- 4 -"))
			.isEqualTo(RunningLines.key("xiv"));
	}

	@Test
	void aLineSaidOnceOrAwayFromTheEdgesStays() {
		List<Line> document = new ArrayList<>();
		// The same sentence in the middle of two pages is text, not furniture.
		document.addAll(page(1, "Proceedings of the first workshop", null, "Top of the body.",
				"We repeat this sentence on purpose.", "Bottom of the body."));
		document.addAll(page(2, null, "Received 3 March; accepted 9 May", "Top of the body again.",
				"We repeat this sentence on purpose.", "Bottom of the body again."));
		assertThat(without(document)).hasSize(document.size());
	}

	@Test
	void aReferenceThatEndsTwoPagesIsNoPageNumber() {
		List<Line> document = new ArrayList<>();
		document.addAll(page(1, null, "(1997).", "[1] A. Author, Some journal 10, 133"));
		document.addAll(page(2, null, "(1996).", "[2] B. Author, Another journal 98, 288"));
		assertThat(without(document)).hasSize(document.size());
	}

	@Test
	void aTitleRepeatedAtTheTopIsNotTheFooter() {
		List<Line> document = new ArrayList<>();
		document.addAll(page(1, null, "Apparent accelerations", "Body one."));
		document.addAll(page(2, "Apparent accelerations", null, "Body two."));
		assertThat(without(document)).hasSize(document.size());
	}

	@Test
	void oneLinePageDocumentsAndEmptyOnesAreLeftAlone() {
		List<Line> single = page(1, "Header", "1", "Only page.");
		assertThat(without(single)).isEqualTo(single);
		assertThat(without(List.of())).isEmpty();
	}

}
