package dev.thoth.pdfmonitor.extraction;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.thoth.pdfmonitor.Corpus;

import static org.assertj.core.api.Assertions.assertThat;

class TextExtractorTests {

	static List<Corpus.Truth> papers() {
		return Corpus.truths();
	}

	private static Corpus.Truth paper(String file) {
		return Corpus.truths().stream().filter((truth) -> truth.file().equals(file)).findFirst().orElseThrow();
	}

	@ParameterizedTest
	@MethodSource("papers")
	void everyPageHasItsNumberAndNoLigatures(Corpus.Truth paper) {
		ExtractedText text = CorpusExtractions.of(paper).text();
		assertThat(text.pages()).hasSize(paper.pages());
		for (int i = 0; i < text.pages().size(); i++) {
			assertThat(text.pages().get(i).number()).isEqualTo(i + 1);
		}
		assertThat(text.fullText()).doesNotContain("\uFB01", "\uFB02", "\uFB00", "\uFB03", "\uFB04");
		assertThat(text.layout()).isNotEmpty().allMatch((line) -> line.page() <= 2);
	}

	@ParameterizedTest
	@MethodSource("papers")
	void theAbstractReadsInOrder(Corpus.Truth paper) {
		String page1 = CorpusExtractions.norm(CorpusExtractions.of(paper).text().pages().get(0).text());
		if (paper.file().startsWith("ZFN")) {
			// the OCR layer prints "forthe" for "for the"
			assertThat(page1)
				.contains(CorpusExtractions.norm(paper.abstractFirstSentence().replace("for the", "forthe")));
		}
		else {
			assertThat(page1).contains(CorpusExtractions.norm(paper.abstractFirstSentence()));
		}
	}

	@Test
	void twoColumnPagesAreReadColumnByColumn() {
		String page1 = CorpusExtractions.norm(CorpusExtractions.of(paper("sample.pdf")).text().pages().get(0).text());
		// the left column's abstract, then (later) the right column's introduction
		assertThat(
				page1.indexOf("efficient algorithm for scheduling jobs in a cluster. Jobs are considered as parallel"))
			.isPositive()
			.isLessThan(page1.indexOf("The last few years have been characterized by huge technological changes"));
		// hyphenation across the line break repaired ("tech-\nnological")
		assertThat(page1).contains("huge technological changes");
		String ieee = CorpusExtractions
			.norm(CorpusExtractions.of(paper("test_Grobid_1_05452615.pdf")).text().pages().get(0).text());
		assertThat(ieee).contains("competitors through surveys, interviews, focus groups, and competitor analysis");
	}

	@Test
	void rotatedMarginStampsAreLeftOut() {
		ExtractedText text = CorpusExtractions.of(paper("0807.3577.pdf")).text();
		assertThat(text.fullText()).doesNotContain("JCAP10(2008)003");
	}

	@Test
	void accentsSetAsSeparateGlyphsAreCombined() {
		ExtractedText text = CorpusExtractions.of(paper("0807.3577.pdf")).text();
		assertThat(text.fullText()).contains("Krasiński A and Hellaby C").contains("Lemaître");
	}

	@Test
	void layoutLinesCarryFontSizeAndBoldness() {
		ExtractedText text = CorpusExtractions.of(paper("gadr.pdf")).text();
		LayoutLine title = text.layout()
			.stream()
			.filter((line) -> line.text().startsWith("Generalized Markdown"))
			.findFirst()
			.orElseThrow();
		assertThat(title.page()).isEqualTo(1);
		assertThat(title.bold()).isTrue();
		assertThat(title.fontSize()).isGreaterThan(12f);
		assertThat(title.y()).isLessThan(200f);
	}

}
