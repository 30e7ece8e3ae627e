package dev.thoth.pdfmonitor.extraction;

import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.thoth.pdfmonitor.Corpus;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataExtractorTests {

	static List<Corpus.Truth> papers() {
		return Corpus.truths();
	}

	@ParameterizedTest
	@MethodSource("papers")
	void titleIsRight(Corpus.Truth paper) {
		ExtractedMetadata metadata = CorpusExtractions.of(paper).metadata();
		assertThat(CorpusExtractions.norm(metadata.title())).isEqualTo(CorpusExtractions.norm(paper.title()));
		assertThat(metadata.sources().get(ExtractedMetadata.TITLE).source()).isEqualTo("layout");
	}

	@ParameterizedTest
	@MethodSource("papers")
	void yearIsRight(Corpus.Truth paper) {
		// a paper that prints no year gets none, and then no source either
		ExtractedMetadata metadata = CorpusExtractions.of(paper).metadata();
		assertThat(metadata.year()).isEqualTo(paper.year());
		assertThat(metadata.sources().containsKey(ExtractedMetadata.YEAR)).isEqualTo(paper.year() != null);
	}

	@ParameterizedTest
	@MethodSource("papers")
	void authorsAreRight(Corpus.Truth paper) {
		ExtractedMetadata metadata = CorpusExtractions.of(paper).metadata();
		assertThat(CorpusScores.authors(metadata.authors())).isEqualTo(CorpusScores.authors(paper.authors()));
	}

	@ParameterizedTest
	@MethodSource("papers")
	void doiIsRightWherePrintedAndNullWhereNot(Corpus.Truth paper) {
		ExtractedMetadata metadata = CorpusExtractions.of(paper).metadata();
		assertThat(metadata.doi()).isEqualTo(paper.doi());
		assertThat(metadata.sources().containsKey(ExtractedMetadata.DOI)).isEqualTo(paper.doi() != null);
	}

	@ParameterizedTest
	@MethodSource("papers")
	void abstractStartsWithItsFirstSentence(Corpus.Truth paper) {
		ExtractedMetadata metadata = CorpusExtractions.of(paper).metadata();
		// the scanned paper's OCR layer reads "forthe": TextCleaner separates it
		String expected = CorpusExtractions.norm(paper.abstractFirstSentence());
		assertThat(CorpusExtractions.norm(metadata.abstractFirstSentence())).isEqualTo(expected);
		assertThat(metadata.abstractText()).doesNotStartWithIgnoringCase("abstract");
	}

	@ParameterizedTest
	@MethodSource("papers")
	void everyFieldWithAValueHasASource(Corpus.Truth paper) {
		ExtractedMetadata metadata = CorpusExtractions.of(paper).metadata();
		assertThat(metadata.sources().values())
			.allMatch((source) -> List.of("layout", "text", "pdf-metadata").contains(source.source()));
		assertThat(metadata.sources().containsKey(ExtractedMetadata.TITLE)).isEqualTo(metadata.title() != null);
		assertThat(metadata.sources().containsKey(ExtractedMetadata.AUTHORS)).isEqualTo(!metadata.authors().isEmpty());
		assertThat(metadata.sources().containsKey(ExtractedMetadata.VENUE)).isEqualTo(metadata.venue() != null);
		assertThat(metadata.sources().containsKey(ExtractedMetadata.ABSTRACT))
			.isEqualTo(metadata.abstractText() != null);
		assertThat(metadata.sources().containsKey(ExtractedMetadata.KEYWORDS))
			.isEqualTo(!metadata.keywords().isEmpty());
	}

	@Test
	void arxivIdAndKeywordsOfTheJcapPaper() {
		Corpus.Truth jcap = Corpus.truths()
			.stream()
			.filter((p) -> p.file().equals("0807.3577.pdf"))
			.findFirst()
			.orElseThrow();
		ExtractedMetadata metadata = CorpusExtractions.of(jcap).metadata();
		assertThat(metadata.arxivId()).isEqualTo(jcap.arxivId());
		assertThat(metadata.keywords()).contains("dark energy theory", "superclusters and voids");
	}

	@Test
	void junkPdfTitlesAreIgnored() {
		assertThat(MetadataExtractor.usablePdfTitle(info("Microsoft Word - AVE2008 Report.doc", null))).isNull();
		assertThat(MetadataExtractor.usablePdfTitle(info("p020-dutot.dvi", null))).isNull();
		assertThat(MetadataExtractor.usablePdfTitle(info("untitled", null))).isNull();
		assertThat(MetadataExtractor.usablePdfTitle(info("main.tex", null))).isNull();
		assertThat(MetadataExtractor.usablePdfTitle(info("Apparent and average accelerations of the Universe ", null)))
			.isEqualTo("Apparent and average accelerations of the Universe");
	}

	@Test
	void junkPdfAuthorsAreIgnored() {
		assertThat(MetadataExtractor.usablePdfAuthors(info(null, "ibm"))).isEmpty();
		assertThat(MetadataExtractor.usablePdfAuthors(info(null, "Krzysztof Bolejko, Lars Andersson")))
			.containsExactly("Krzysztof Bolejko", "Lars Andersson");
	}

	@Test
	void honorificsMarksAndEmailsAreDroppedFromAuthorLines() {
		assertThat(Names.parseAuthorLine("Dr. Saeed Murtaza")).containsExactly("Saeed Murtaza");
		assertThat(Names.parseAuthorLine("Krzysztof Bolejko1,2 and Lars Andersson3,4"))
			.containsExactly("Krzysztof Bolejko", "Lars Andersson");
		assertThat(Names.parseAuthorLine("Woo-Pyo Hong and Young-Dae Jung''")).containsExactly("Woo-Pyo Hong",
				"Young-Dae Jung");
		assertThat(Names.parseAuthorLine("Alice Smith∗, Bob Jones†‡")).containsExactly("Alice Smith", "Bob Jones");
		assertThat(Names.parseAuthorLine("Prof. A. V. Fishkin")).containsExactly("A. V. Fishkin");
		assertThat(Names.parseAuthorLine("atif09@gmail.com")).isNull();
		assertThat(Names.parseAuthorLine("Department of Physics, University of Melbourne")).isNull();
		assertThat(Names.parseAuthorLine("38330 Montbonnot Saint-Martin, France")).isNull();
		assertThat(Names.parseAuthorLine("NUST, Pakistan")).isNull();
		assertThat(Names.parseAuthorLine("Fifth-order Shallow Water-wave Models")).isNull();
	}

	@Test
	void doiIsTakenAsPrinted() {
		assertThat(MetadataExtractor.doi("DOI 10.1109/DSDE.2010.49\n")).isEqualTo("10.1109/DSDE.2010.49");
		assertThat(MetadataExtractor.doi("doi:10.1088/1475-7516/2008/10/003."))
			.isEqualTo("10.1088/1475-7516/2008/10/003");
		assertThat(MetadataExtractor.doi("https://doi.org/10.1145/1007912.1007932)"))
			.isEqualTo("10.1145/1007912.1007932");
		assertThat(MetadataExtractor.doi("no identifier here, 10.5 percent")).isNull();
	}

	private static PDDocumentInformation info(String title, String author) {
		PDDocumentInformation information = new PDDocumentInformation();
		information.setTitle(title);
		information.setAuthor(author);
		return information;
	}

}
