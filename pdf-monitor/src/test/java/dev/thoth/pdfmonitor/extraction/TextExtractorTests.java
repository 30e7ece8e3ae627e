package dev.thoth.pdfmonitor.extraction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.thoth.pdfmonitor.Corpus;
import dev.thoth.pdfmonitor.Scans;
import dev.thoth.pdfmonitor.ocr.OcrPage;

import static org.assertj.core.api.Assertions.assertThat;

class TextExtractorTests {

	@TempDir
	Path temp;

	@Test
	void aScannedTwoColumnPageIsReadByOcrColumnByColumn() throws Exception {
		List<Scans.Line> lines = new ArrayList<>();
		lines.add(new Scans.Line("Reading Scanned Papers Column by Column", 18, 72, 90));
		for (int i = 1; i <= 12; i++) {
			lines.add(new Scans.Line("Left column sentence number " + i + " reads first.", 10, 72, 130 + 14 * i));
			lines.add(new Scans.Line("Right column sentence number " + i + " reads later.", 10, 320, 130 + 14 * i));
		}
		Path scan = Scans.imageOnly(this.temp.resolve("two-columns.pdf"), List.of(lines));
		ExtractedText text;
		try (PDDocument document = Loader.loadPDF(scan.toFile())) {
			OcrPage page = Scans.installedTesseract(new SimpleMeterRegistry()).read(document, 0);
			text = new TextExtractor().extract(document, Map.of(1, page));
		}
		assertThat(text.ocrPages()).containsExactly(1);
		List<String> expected = new ArrayList<>();
		expected.add("Reading Scanned Papers Column by Column");
		for (int i = 1; i <= 12; i++) {
			expected.add("Left column sentence number " + i);
		}
		for (int i = 1; i <= 12; i++) {
			expected.add("Right column sentence number " + i);
		}
		// OCR may misread a letter at the end of a line; the order is what counts here.
		List<String> read = text.pages().get(0).text().lines().toList();
		assertThat(read).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			assertThat(read.get(i)).startsWith(expected.get(i));
		}
		assertThat(text.linesOfPage(1)).extracting(LayoutLine::column).containsOnly(0, 1, 2);
		assertThat(text.linesOfPage(1).get(0).fontSize()).isGreaterThan(text.linesOfPage(1).get(1).fontSize() * 1.4f);
	}

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
		// on page 1, or on a front page of a thesis; the scanned paper's OCR layer reads
		// "forthe", which TextCleaner separates
		List<PageText> pages = CorpusExtractions.of(paper).text().pages();
		String front = CorpusExtractions.norm(String.join(" ",
				pages.subList(0, Math.min(pages.size(), paper.layout().contains("thesis") ? 12 : 1))
					.stream()
					.map(PageText::text)
					.toList()));
		assertThat(front).contains(CorpusExtractions.norm(paper.abstractFirstSentence()));
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
	void theBodyLeavesOutRunningHeadersFootersAndPageNumbers() {
		ExtractedText jcap = CorpusExtractions.of(paper("0807.3577.pdf")).text();
		String header = "Apparent and average accelerations of the Universe";
		String footer = "Journal of Cosmology and Astroparticle Physics 10 (2008) 003";
		// Page 2 on: the header and the footer on every page; the page text keeps them.
		assertThat(jcap.pages().get(4).text()).contains(header).contains(footer);
		assertThat(jcap.bodyText()).doesNotContain(header).doesNotContain(footer);
		// What the body keeps is the rest of the page, in order.
		assertThat(jcap.body().get(4).text()).startsWith("3. The Lemaître–Tolman model");
		assertThat(jcap.body()).hasSameSizeAs(jcap.pages());
		// The first page is printed without the running header: its title stays.
		assertThat(jcap.body().get(0).text()).contains("Apparent and average accelerations of");

		ExtractedText ieee = CorpusExtractions.of(paper("test_Grobid_1_05452615.pdf")).text();
		assertThat(ieee.pages().get(2).text().lines()).contains("144");
		assertThat(ieee.body().get(2).text().lines()).doesNotContain("144");
		// A paper without furniture keeps every line.
		ExtractedText wang = CorpusExtractions.of(paper("Wang-paperAVE2008.pdf")).text();
		assertThat(wang.body()).isEqualTo(wang.pages());
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
