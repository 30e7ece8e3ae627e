package dev.thoth.pdfmonitor.lookup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.thoth.domain.papers.FieldSource;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.testsupport.FakeCrossrefServer;
import dev.thoth.testsupport.FakeCrossrefServer.Work;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static dev.thoth.pdfmonitor.lookup.MetadataMergeTests.JCAP;
import static dev.thoth.pdfmonitor.lookup.MetadataMergeTests.WANG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which CrossRef record a paper gets, if any, and what the stage reports, against a local
 * server in CrossRef's shape.
 */
class MetadataLookupTests {

	static final FakeCrossrefServer crossref = new FakeCrossrefServer();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	// Generous: the first call in a cold JVM on a busy machine is slow.
	final MetadataLookup lookup = lookup(true, Duration.ofSeconds(5));

	@AfterAll
	static void stop() {
		crossref.close();
	}

	@BeforeEach
	void reset() {
		crossref.reset();
	}

	MetadataLookup lookup(boolean enabled, Duration readTimeout) {
		LookupProperties properties = new LookupProperties(enabled, crossref.baseUrl(), "library@thoth.test",
				Duration.ofSeconds(1), readTimeout);
		return new MetadataLookup(properties, new CrossrefClient(RestClient.builder(), properties), this.meters);
	}

	double count(String outcome) {
		return this.meters.counter("thoth.pdf.lookups", "outcome", outcome).count();
	}

	@Test
	void offMeansNoCallAtAll() {
		MetadataLookup.Result result = lookup(false, Duration.ofSeconds(5)).lookUp(WANG);
		assertThat(result).isEqualTo(new MetadataLookup.Result("SKIPPED", WANG, "online lookups are off"));
		assertThat(crossref.requests()).isEmpty();
	}

	@Test
	void aPaperWithoutDoiIsFoundByItsTitleAndFirstAuthor() {
		crossref.add(CrossrefRecords.ANSWER_VALIDATION_OVERVIEW, CrossrefRecords.WANG);
		MetadataLookup.Result result = this.lookup.lookUp(WANG);
		assertThat(result.status()).isEqualTo("DONE");
		assertThat(result.message()).isEqualTo("CrossRef 10.5555/thoth-test.wang-ave2008 (title search): "
				+ "took doi, venue; confirmed title, authors");
		assertThat(result.metadata().doi()).isEqualTo("10.5555/thoth-test.wang-ave2008");
		assertThat(result.metadata().sources().get(ExtractedMetadata.DOI)).isEqualTo(new FieldSource("crossref", 0.75));
		assertThat(crossref.requests()).singleElement()
			.satisfies((request) -> assertThat(request.query()).containsEntry("query.bibliographic",
					"Information Synthesis for Answer Validation Rui Wang"));
		assertThat(count("found")).isEqualTo(1);
	}

	@Test
	void aPrintedDoiIsLookedUpAndConfirmed() {
		crossref.add(CrossrefRecords.JCAP);
		MetadataLookup.Result result = this.lookup.lookUp(JCAP);
		assertThat(result.status()).isEqualTo("DONE");
		assertThat(result.message()).isEqualTo("CrossRef 10.1088/1475-7516/2008/10/003 (printed DOI): took nothing; "
				+ "confirmed title, authors, year, doi, venue");
		assertThat(result.metadata().doi()).isEqualTo(JCAP.doi());
		assertThat(crossref.requests()).extracting(FakeCrossrefServer.Request::path)
			.containsExactly("/works/10.1088/1475-7516/2008/10/003");
	}

	@Test
	void aPrintedDoiCrossrefDoesNotKnowFallsBackOnTheTitle() {
		MetadataLookup.Result result = this.lookup.lookUp(JCAP);
		assertThat(result).isEqualTo(new MetadataLookup.Result("NOT_FOUND", JCAP,
				"CrossRef has no record of the printed DOI 10.1088/1475-7516/2008/10/003; "
						+ "none of CrossRef's 0 search results matches the title"));
		assertThat(crossref.requests()).extracting(FakeCrossrefServer.Request::path)
			.containsExactly("/works/10.1088/1475-7516/2008/10/003", "/works");
		assertThat(count("not_found")).isEqualTo(1);
	}

	@Test
	void aPrintedDoiOfAnotherWorkTakesNothingFromIt() {
		// The first DOI on page 1 can be a cited paper's.
		crossref.add(new Work(JCAP.doi(), "journal-article", "Dark energy and the accelerating universe",
				List.of(new FakeCrossrefServer.Author("Joshua", "Frieman")), "Annual Review", List.of(2008), null,
				List.of()));
		MetadataLookup.Result result = this.lookup.lookUp(JCAP);
		assertThat(result.status()).isEqualTo("NOT_FOUND");
		assertThat(result.metadata()).isSameAs(JCAP);
		assertThat(result.message()).isEqualTo("the printed DOI 10.1088/1475-7516/2008/10/003 is CrossRef's record "
				+ "of another work, \"Dark energy and the accelerating universe\"");
	}

	@Test
	void aSearchResultWithAnotherTitleIsNotTaken() {
		ExtractedMetadata zfn = new ExtractedMetadata(
				"Exact Solitary-wave Solutions for the General Fifth-order Shallow Water-wave Models",
				List.of("Woo-Pyo Hong", "Young-Dae Jung"), 1999, null, null, "Z. Naturforsch.", null, List.of(),
				MetadataMergeTests.sources(ExtractedMetadata.TITLE, "layout", 0.5, ExtractedMetadata.AUTHORS, "layout",
						0.8, ExtractedMetadata.YEAR, "text", 0.85, ExtractedMetadata.VENUE, "text", 0.75));
		crossref.add(CrossrefRecords.ZFN_OTHER_TITLE);
		MetadataLookup.Result result = this.lookup.lookUp(zfn);
		assertThat(result).isEqualTo(
				new MetadataLookup.Result("NOT_FOUND", zfn, "none of CrossRef's 1 search results matches the title"));
	}

	@Test
	void crossrefFailingIsReportedAndThePaperKeepsWhatWasPrinted() {
		crossref.failWith(500);
		assertThat(this.lookup.lookUp(WANG))
			.isEqualTo(new MetadataLookup.Result("FAILED", WANG, "CrossRef answered HTTP 500 to a search"));
		crossref.failWith(0).delay(Duration.ofSeconds(2));
		assertThat(lookup(true, Duration.ofMillis(500)).lookUp(JCAP))
			.isEqualTo(new MetadataLookup.Result("FAILED", JCAP, "CrossRef did not answer within PT0.5S"));
		assertThat(count("failed")).isEqualTo(2);
	}

	@Test
	void nothingToLookUpByIsSkipped() {
		ExtractedMetadata nothing = new ExtractedMetadata(null, List.of("Someone"), 2020, null, null, null, null,
				List.of(), Map.of());
		assertThat(this.lookup.lookUp(nothing).status()).isEqualTo("SKIPPED");
		assertThat(crossref.requests()).isEmpty();
	}

	// Matching, on CrossRef records as the client reads them.

	static WorkRecord record(String doi, String title, List<String> families, Integer year) {
		return new WorkRecord(doi, title, null, families, families, null, year, null, List.of());
	}

	@Test
	void theRecordWithTheTitleAndFirstAuthorMatchesAndTheNearMissesDoNot() {
		List<WorkRecord> results = List.of(
				record("10.5555/1", "Overview of the Answer Validation Exercise 2008", List.of("Rodrigo"), 2009),
				record("10.5555/2", "Information Synthesis for Answer Validation", List.of("Wang", "Neumann"), 2009),
				record("10.5555/3", "Information Synthesis for Question Answering", List.of("Wang"), 2008));
		assertThat(MetadataLookup.matches(WANG, results)).extracting(WorkRecord::doi).containsExactly("10.5555/2");
	}

	@Test
	void theSameTitleByOtherAuthorsOrDecadesApartIsAnotherWork() {
		assertThat(MetadataLookup.matches(WANG,
				List.of(record("10.5555/1", "Information Synthesis for Answer Validation", List.of("Smith"), 2008),
						record("10.5555/2", "Information Synthesis for Answer Validation", List.of("Wang"), 1988))))
			.isEmpty();
	}

	@Test
	void aTitleReadWithAnOcrSlipStillMatches() {
		ExtractedMetadata ocr = new ExtractedMetadata(
				"Exact Solitary-wave Solutions forthe General Fifth-order " + "Shallow Water-wave Models",
				List.of("Woo-Pyo Hong"), 1999, null, null, null, null, List.of(), Map.of());
		assertThat(MetadataLookup.matches(ocr,
				List.of(record("10.5555/1",
						"Exact Solitary-Wave Solutions for the General Fifth-Order Shallow Water-Wave Models",
						List.of("Hong", "Jung"), 1999))))
			.hasSize(1);
	}

	@Test
	void twoRecordsThatBothMatchAreAmbiguousAndNeitherIsTaken() {
		crossref.add(CrossrefRecords.WANG, new Work("10.5555/thoth-test.wang-copy", "posted-content",
				CrossrefRecords.WANG.title(), CrossrefRecords.WANG.authors(), null, List.of(2008), null, List.of()));
		MetadataLookup.Result result = this.lookup.lookUp(WANG);
		assertThat(result.status()).isEqualTo("NOT_FOUND");
		assertThat(result.metadata().doi()).isNull();
		assertThat(result.message()).isEqualTo("2 CrossRef search results match the title, so none is taken");
	}

	@Test
	void withoutAuthorsToCompareOnlyTheExactTitleMatches() {
		ExtractedMetadata titleOnly = new ExtractedMetadata("Information Synthesis for Answer Validation", List.of(),
				null, null, null, null, null, List.of(), Map.of());
		assertThat(MetadataLookup.matches(titleOnly,
				List.of(record("10.5555/1", "Information synthesis for answer validation.", List.of("Wang"), 2009))))
			.hasSize(1);
		assertThat(MetadataLookup.matches(titleOnly,
				List.of(record("10.5555/1", "Information Synthesis for Answer Validations", List.of("Wang"), 2009))))
			.isEmpty();
	}

}
