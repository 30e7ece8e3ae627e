package dev.thoth.pdfmonitor.analysis;

import java.util.List;

import dev.thoth.pdfmonitor.Corpus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineAnalyzerTests {

	private final OfflineAnalyzer analyzer = new OfflineAnalyzer();

	private static String text(Corpus.Paper paper) throws Exception {
		try (PDDocument document = Loader.loadPDF(paper.path().toFile())) {
			return new PDFTextStripper().getText(document);
		}
	}

	@Test
	void aCorpusPaperGetsASummaryKeyPointsAndTopicalTags() throws Exception {
		Corpus.Paper paper = Corpus.papers()
			.stream()
			.filter((p) -> p.file().equals("sample.pdf"))
			.findFirst()
			.orElseThrow();
		Analysis analysis = this.analyzer.analyze(paper.title(), null, text(paper), List.of());
		assertThat(analysis.analyzer()).isEqualTo("offline");
		assertThat(analysis.summary()).isNotBlank();
		assertThat(analysis.keyPoints()).isNotEmpty()
			.allMatch((point) -> text(analysis).contains(point) || !point.isBlank());
		assertThat(analysis.tags()).contains("scheduling");
		assertThat(analysis.tags()).doesNotContain("the", "and", "with");
	}

	private static String text(Analysis analysis) {
		return analysis.summary();
	}

	@Test
	void theSameInputGivesTheSameAnalysis() throws Exception {
		Corpus.Paper paper = Corpus.papers().getFirst();
		String body = text(paper);
		assertThat(this.analyzer.analyze(paper.title(), null, body, List.of()))
			.isEqualTo(this.analyzer.analyze(paper.title(), null, body, List.of()));
	}

	@Test
	void summarySentencesComeFromThePaperAndCuesSortThem() {
		String abstractText = "We propose a new caching method for web servers. Experiments show that the caching method "
				+ "reduces latency by forty percent on realistic workloads.";
		String body = "Caching is an old idea that many servers use in one form or another today. "
				+ "Our method is based on reuse distance estimated online for every cached object. "
				+ "A limitation of the caching method is that it does not handle writes to shared objects. "
				+ "In conclusion, the caching method reduces latency for read-heavy web workloads.";
		Analysis analysis = this.analyzer.analyze("Reuse-distance caching for web servers", abstractText, body,
				List.of("Caching", "Web servers"));
		assertThat((abstractText + " " + body)).contains(analysis.summary().split("(?<=\\.) ")[0]);
		assertThat(analysis.methodology()).anyMatch((sentence) -> sentence.startsWith("Our method is based on"));
		assertThat(analysis.results()).anyMatch((sentence) -> sentence.startsWith("Experiments show"));
		assertThat(analysis.limitations()).anyMatch((sentence) -> sentence.startsWith("A limitation"));
		assertThat(analysis.tags()).startsWith("caching", "web servers");
	}

	@Test
	void theAbstractPrintedAgainInTheBodyIsNoSecondSentence() {
		String abstractText = "Succulents open their stomata at night and close them during the day. "
				+ "Carbon dioxide taken up at night is stored as malic acid in the vacuoles.";
		// The body starts with the abstract again, as the text of a first page does.
		String body = abstractText + " The stored acid is broken down again during the day to feed photosynthesis. "
				+ "Closing the stomata in the heat of the day saves a large share of the water.";
		Analysis analysis = this.analyzer.analyze("Stomata at night", abstractText, body, List.of());
		List<String> said = new java.util.ArrayList<>(List.of(analysis.summary().split("(?<=\\.) ")));
		said.addAll(analysis.keyPoints());
		assertThat(said).doesNotHaveDuplicates()
			.contains("Succulents open their stomata at night and close them during the day.");
	}

	@Test
	void noListOfAnAnalysisRepeatsAStatement() {
		Analysis analysis = new Analysis("A summary.",
				List.of("Stomata open at night.", "stomata open at  night", "Water is saved."), List.of(),
				List.of("It works.", "It works!"), List.of(), List.of(), List.of("cam", "CAM ", "stomata"), "model");
		assertThat(analysis.keyPoints()).containsExactly("Stomata open at night.", "Water is saved.");
		assertThat(analysis.results()).containsExactly("It works.");
		assertThat(analysis.tags()).containsExactly("cam", "stomata");
	}

	@Test
	void noTextGivesAnEmptyAnalysisNotAnError() {
		Analysis analysis = this.analyzer.analyze(null, null, null, null);
		assertThat(analysis.summary()).isEmpty();
		assertThat(analysis.keyPoints()).isEmpty();
	}

}
