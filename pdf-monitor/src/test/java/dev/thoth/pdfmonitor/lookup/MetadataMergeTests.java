package dev.thoth.pdfmonitor.lookup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.thoth.domain.papers.FieldSource;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.lookup.MetadataMerge.Match;
import dev.thoth.pdfmonitor.lookup.MetadataMerge.Merged;
import org.junit.jupiter.api.Test;

import static dev.thoth.pdfmonitor.extraction.ExtractedMetadata.ABSTRACT;
import static dev.thoth.pdfmonitor.extraction.ExtractedMetadata.ARXIV_ID;
import static dev.thoth.pdfmonitor.extraction.ExtractedMetadata.AUTHORS;
import static dev.thoth.pdfmonitor.extraction.ExtractedMetadata.DOI;
import static dev.thoth.pdfmonitor.extraction.ExtractedMetadata.KEYWORDS;
import static dev.thoth.pdfmonitor.extraction.ExtractedMetadata.TITLE;
import static dev.thoth.pdfmonitor.extraction.ExtractedMetadata.VENUE;
import static dev.thoth.pdfmonitor.extraction.ExtractedMetadata.YEAR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge policy on metadata shaped like what the extractor reads from the corpus
 * papers (values and confidences as it reports them).
 */
class MetadataMergeTests {

	/**
	 * Wang-paperAVE2008.pdf: no DOI or venue printed; the year inferred from "AVE2008".
	 */
	static final ExtractedMetadata WANG = new ExtractedMetadata("Information Synthesis for Answer Validation",
			List.of("Rui Wang", "Günter Neumann"), 2008, null, null, null,
			"This report is about our participation in the Answer Validation Exercise (AVE2008).",
			List.of("Answer Validation", "Recognizing Textual Entailment", "Information Synthesis"),
			sources(TITLE, "layout", 0.85, AUTHORS, "layout", 0.8, YEAR, "text", 0.55, ABSTRACT, "text", 0.85, KEYWORDS,
					"text", 0.85));

	/** CrossRef's record of the proceedings version, published the year after. */
	static final WorkRecord WANG_RECORD = new WorkRecord("10.5555/thoth-test.wang-ave2008",
			"Information Synthesis for Answer Validation", null, List.of("Rui Wang", "Günter Neumann"),
			List.of("Wang", "Neumann"), "Evaluating Systems for Multilingual and Multimodal Information Access", 2009,
			"A revised abstract.", List.of());

	/** 0807.3577.pdf: everything printed, the DOI among it. */
	static final ExtractedMetadata JCAP = new ExtractedMetadata("Apparent and average accelerations of the Universe",
			List.of("Krzysztof Bolejko", "Lars Andersson"), 2008, "10.1088/1475-7516/2008/10/003", "0807.3577",
			"Journal of Cosmology and Astroparticle Physics", "In this paper we consider the relation ...",
			List.of("dark energy theory"),
			sources(TITLE, "layout", 0.97, AUTHORS, "layout", 0.97, YEAR, "text", 0.85, DOI, "text", 0.9, ARXIV_ID,
					"text", 0.9, VENUE, "text", 0.75, ABSTRACT, "text", 0.85, KEYWORDS, "text", 0.85));

	static final WorkRecord JCAP_RECORD = new WorkRecord("10.1088/1475-7516/2008/10/003",
			"Apparent and average accelerations of the Universe", null, List.of("Krzysztof Bolejko", "Lars Andersson"),
			List.of("Bolejko", "Andersson"), "Journal of Cosmology and Astroparticle Physics", 2008, null,
			List.of("Astronomy and Astrophysics"));

	@Test
	void aSearchMatchFillsWhatIsNotPrintedWithALowerConfidenceThanAPrintedDoi() {
		Merged merged = MetadataMerge.merge(WANG, WANG_RECORD, Match.TITLE_SEARCH);
		ExtractedMetadata metadata = merged.metadata();
		assertThat(metadata.doi()).isEqualTo("10.5555/thoth-test.wang-ave2008");
		assertThat(metadata.venue()).isEqualTo("Evaluating Systems for Multilingual and Multimodal Information Access");
		assertThat(metadata.sources().get(DOI)).isEqualTo(new FieldSource("crossref", 0.75));
		assertThat(metadata.sources().get(DOI).confidence()).isLessThan(JCAP.sources().get(DOI).confidence());
		assertThat(metadata.sources().get(VENUE)).isEqualTo(new FieldSource("crossref", 0.75));
		assertThat(merged.taken()).containsExactly(DOI, VENUE);
	}

	@Test
	void aSearchMatchCorrectsNothingItMightHaveFoundAnotherEditionOf() {
		ExtractedMetadata metadata = MetadataMerge.merge(WANG, WANG_RECORD, Match.TITLE_SEARCH).metadata();
		// The year was only inferred (0.55), but the record is of the later proceedings.
		assertThat(metadata.year()).isEqualTo(2008);
		assertThat(metadata.sources().get(YEAR)).isEqualTo(new FieldSource("text", 0.55));
		assertThat(metadata.abstractText()).isEqualTo(WANG.abstractText());
		assertThat(metadata.sources().get(ABSTRACT)).isEqualTo(new FieldSource("text", 0.85));
	}

	@Test
	void agreementKeepsThePrintedValueAndItsSourceAndRaisesItsConfidence() {
		Merged merged = MetadataMerge.merge(WANG, WANG_RECORD, Match.TITLE_SEARCH);
		assertThat(merged.confirmed()).containsExactly(TITLE, AUTHORS);
		assertThat(merged.metadata().title()).isEqualTo(WANG.title());
		assertThat(merged.metadata().authors()).containsExactly("Rui Wang", "Günter Neumann");
		assertThat(merged.metadata().sources().get(TITLE)).isEqualTo(new FieldSource("layout", 0.85));
		assertThat(merged.metadata().sources().get(AUTHORS)).isEqualTo(new FieldSource("layout", 0.8));

		Merged jcap = MetadataMerge.merge(JCAP, JCAP_RECORD, Match.PRINTED_DOI);
		assertThat(jcap.metadata().sources().get(DOI)).isEqualTo(new FieldSource("text", 0.95));
		assertThat(jcap.metadata().sources().get(VENUE)).isEqualTo(new FieldSource("text", 0.95));
		assertThat(jcap.metadata().sources().get(TITLE)).isEqualTo(new FieldSource("layout", 0.97));
	}

	@Test
	void aRecordFoundByThePrintedDoiThatAgreesChangesNoValue() {
		Merged merged = MetadataMerge.merge(JCAP, JCAP_RECORD, Match.PRINTED_DOI);
		ExtractedMetadata metadata = merged.metadata();
		assertThat(metadata).usingRecursiveComparison().ignoringFields("sources").isEqualTo(JCAP);
		assertThat(merged.taken()).isEmpty();
		assertThat(merged.confirmed()).containsExactly(TITLE, AUTHORS, YEAR, DOI, VENUE);
		assertThat(metadata.sources().values()).extracting(FieldSource::source).doesNotContain("crossref");
	}

	@Test
	void fieldsReadWithHighConfidenceWinOverADifferingRecord() {
		// sample.pdf prints its venue as "SPAA’04" (0.75); CrossRef names the
		// proceedings.
		ExtractedMetadata sample = new ExtractedMetadata(
				"Bi-criteria Algorithm for Scheduling Jobs on Cluster Platforms",
				List.of("Pierre-François Dutot", "Lionel Eyraud", "Grégory Mounié", "Denis Trystram"), 2004,
				"10.5555/thoth-test.spaa04", null, "SPAA’04", null, List.of(), sources(TITLE, "layout", 0.85, AUTHORS,
						"layout", 0.8, YEAR, "text", 0.85, DOI, "text", 0.9, VENUE, "text", 0.75));
		WorkRecord record = new WorkRecord("10.5555/thoth-test.spaa04",
				"Bi-criteria algorithm for scheduling jobs on cluster platforms", null,
				List.of("Pierre-François Dutot", "Lionel Eyraud", "Grégory Mounié", "Denis Trystram"),
				List.of("Dutot", "Eyraud", "Mounié", "Trystram"),
				"Proceedings of the sixteenth annual ACM symposium on Parallelism in algorithms and architectures",
				2005, null, List.of());
		Merged merged = MetadataMerge.merge(sample, record, Match.PRINTED_DOI);
		assertThat(merged.metadata().venue()).isEqualTo("SPAA’04");
		assertThat(merged.metadata().year()).isEqualTo(2004);
		assertThat(merged.metadata().title()).isEqualTo(sample.title());
		assertThat(merged.metadata().sources().get(VENUE)).isEqualTo(new FieldSource("text", 0.75));
		assertThat(merged.taken()).isEmpty();
	}

	@Test
	void aRecordFoundByThePrintedDoiCorrectsFieldsReadWithLowConfidence() {
		// A title guessed without a larger font, authors and year from the PDF's own
		// metadata: what a Word-made PDF can leave the extractor with.
		ExtractedMetadata guessed = new ExtractedMetadata("Department of Physics, University of Somewhere",
				List.of("ibm"), 2011, "10.1088/1475-7516/2008/10/003", null, null, null, List.of(), sources(TITLE,
						"layout", 0.5, AUTHORS, "pdf-metadata", 0.4, YEAR, "pdf-metadata", 0.3, DOI, "text", 0.9));
		Merged merged = MetadataMerge.merge(guessed, JCAP_RECORD, Match.PRINTED_DOI);
		ExtractedMetadata metadata = merged.metadata();
		assertThat(metadata.title()).isEqualTo("Apparent and average accelerations of the Universe");
		assertThat(metadata.authors()).containsExactly("Krzysztof Bolejko", "Lars Andersson");
		assertThat(metadata.year()).isEqualTo(2008);
		assertThat(metadata.venue()).isEqualTo("Journal of Cosmology and Astroparticle Physics");
		assertThat(merged.taken()).containsExactly(TITLE, AUTHORS, YEAR, VENUE, KEYWORDS);
		for (String field : List.of(TITLE, AUTHORS, YEAR, VENUE)) {
			assertThat(metadata.sources().get(field)).as(field).isEqualTo(new FieldSource("crossref", 0.95));
		}
		assertThat(metadata.sources().get(DOI)).isEqualTo(new FieldSource("text", 0.95));
	}

	@Test
	void subjectsFillMissingKeywordsOnlyAndAreTrustedLittle() {
		ExtractedMetadata noKeywords = new ExtractedMetadata(JCAP.title(), JCAP.authors(), JCAP.year(), JCAP.doi(),
				JCAP.arxivId(), JCAP.venue(), JCAP.abstractText(), List.of(), without(JCAP.sources(), KEYWORDS));
		ExtractedMetadata filled = MetadataMerge.merge(noKeywords, JCAP_RECORD, Match.PRINTED_DOI).metadata();
		assertThat(filled.keywords()).containsExactly("Astronomy and Astrophysics");
		assertThat(filled.sources().get(KEYWORDS)).isEqualTo(new FieldSource("crossref", 0.5));

		ExtractedMetadata kept = MetadataMerge.merge(JCAP, JCAP_RECORD, Match.PRINTED_DOI).metadata();
		assertThat(kept.keywords()).containsExactly("dark energy theory");
		assertThat(kept.sources().get(KEYWORDS)).isEqualTo(new FieldSource("text", 0.85));
	}

	@Test
	void whatCrossrefLacksStaysAsPrintedAndTheArxivIdIsNeverTouched() {
		WorkRecord sparse = new WorkRecord(JCAP.doi(), null, null, List.of(), List.of(), null, null, null, List.of());
		Merged merged = MetadataMerge.merge(JCAP, sparse, Match.PRINTED_DOI);
		assertThat(merged.metadata()).isEqualTo(new ExtractedMetadata(JCAP.title(), JCAP.authors(), JCAP.year(),
				JCAP.doi(), JCAP.arxivId(), JCAP.venue(), JCAP.abstractText(), JCAP.keywords(),
				with(JCAP.sources(), DOI, new FieldSource("text", 0.95))));
		assertThat(merged.metadata().sources().get(ARXIV_ID)).isEqualTo(new FieldSource("text", 0.9));
	}

	@Test
	void aTitlePrintedWithTheSubtitleCrossrefKeepsApartIsTheSameTitle() {
		ExtractedMetadata gadr = new ExtractedMetadata(
				"Generalized Markdown Architectural Decision Records: Capturing the Essence of Decisions",
				List.of("Oliver Kopp", "Anita Armbruster"), 2019, null, null, null, null, List.of(),
				sources(TITLE, "layout", 0.5, AUTHORS, "layout", 0.8, YEAR, "text", 0.85));
		WorkRecord record = new WorkRecord("10.5555/thoth-test.gadr",
				"Generalized Markdown Architectural Decision Records", "Capturing the Essence of Decisions",
				List.of("Oliver Kopp", "Anita Armbruster"), List.of("Kopp", "Armbruster"), null, 2019, null, List.of());
		Merged merged = MetadataMerge.merge(gadr, record, Match.PRINTED_DOI);
		assertThat(merged.confirmed()).contains(TITLE);
		assertThat(merged.metadata().title()).isEqualTo(gadr.title());
		assertThat(merged.metadata().sources().get(TITLE)).isEqualTo(new FieldSource("layout", 0.95));
	}

	@Test
	void authorsAreTheSameByFamilyNameInOrderWhateverTheAccentsOrInitials() {
		assertThat(MetadataMerge.sameAuthors(List.of("P.-F. Dutot", "Gregory Mounie"), List.of("Dutot", "Mounié")))
			.isTrue();
		assertThat(MetadataMerge.sameAuthors(List.of("Gregory Mounie", "P.-F. Dutot"), List.of("Dutot", "Mounié")))
			.isFalse();
		assertThat(MetadataMerge.sameAuthors(List.of("P.-F. Dutot"), List.of("Dutot", "Mounié"))).isFalse();
		assertThat(MetadataMerge.hasFamilyName("Jan van der Berg", "van der Berg")).isTrue();
		assertThat(MetadataMerge.hasFamilyName("Lars Anderson", "Andersson")).isFalse();
	}

	static Map<String, FieldSource> sources(Object... fieldSourceConfidence) {
		Map<String, FieldSource> sources = new LinkedHashMap<>();
		for (int i = 0; i < fieldSourceConfidence.length; i += 3) {
			sources.put((String) fieldSourceConfidence[i],
					new FieldSource((String) fieldSourceConfidence[i + 1], (Double) fieldSourceConfidence[i + 2]));
		}
		return sources;
	}

	private static Map<String, FieldSource> without(Map<String, FieldSource> sources, String field) {
		Map<String, FieldSource> copy = new LinkedHashMap<>(sources);
		copy.remove(field);
		return copy;
	}

	private static Map<String, FieldSource> with(Map<String, FieldSource> sources, String field, FieldSource source) {
		Map<String, FieldSource> copy = new LinkedHashMap<>(sources);
		copy.put(field, source);
		return copy;
	}

}
