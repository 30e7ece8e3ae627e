package dev.thoth.pdfmonitor.lookup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.domain.papers.FieldSource;
import dev.thoth.pdfmonitor.Corpus;
import dev.thoth.pdfmonitor.Ingested;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.pdfmonitor.inspection.Inspection;
import dev.thoth.pdfmonitor.inspection.PdfInspector;
import dev.thoth.testsupport.FakeCrossrefServer;
import dev.thoth.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline with online lookups on, against real PostgreSQL and a local server
 * in CrossRef's shape: what each corpus paper is stored with, field by field with its
 * source, when CrossRef completes it, confirms it, does not know it, fails, is too slow,
 * or offers another work.
 */
@SpringBootTest(
		properties = { "thoth.pdf-monitor.workers=1", "thoth.pdf-monitor.scan-interval=300ms",
				"thoth.pdf-monitor.stable-for=200ms", "thoth.pdf-monitor.lookup.read-timeout=2s",
				// The paper's own lookup only (references: ReferenceLookupIngestTests).
				"thoth.pdf-monitor.lookup.references.max-per-paper=0" },
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
// Closed afterwards: its workers would otherwise poll a deleted workspace for the rest of
// the run.
@DirtiesContext
class CrossrefLookupIngestTests {

	static final FakeCrossrefServer crossref = new FakeCrossrefServer();

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@TempDir
	static Path workspace;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", workspace::toString);
		registry.add("THOTH_ONLINE_LOOKUPS", () -> "true");
		registry.add("THOTH_CROSSREF_URL", crossref::baseUrl);
		registry.add("THOTH_CROSSREF_MAILTO", () -> "library@thoth.test");
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PdfInspector inspector;

	@Autowired
	MeterRegistry meters;

	@AfterAll
	static void stopCrossref() {
		crossref.close();
	}

	@BeforeEach
	void resetCrossref() {
		crossref.reset();
	}

	@Test
	void aPaperThatPrintsNoDoiOrVenueGetsThemFromTheTitleSearchLabelledCrossref() throws Exception {
		crossref.add(CrossrefRecords.ANSWER_VALIDATION_OVERVIEW, CrossrefRecords.WANG);
		double found = lookups("found");

		Stored stored = ingest("Wang-paperAVE2008.pdf");

		ExtractedMetadata printed = printed("Wang-paperAVE2008.pdf");
		assertThat(printed.doi()).isNull();
		assertThat(printed.venue()).isNull();
		assertThat(stored.doi()).isEqualTo("10.5555/thoth-test.wang-ave2008");
		assertThat(stored.venue()).isEqualTo("Evaluating Systems for Multilingual and Multimodal Information Access");
		assertThat(stored.sources().get("doi")).isEqualTo(new FieldSource("crossref", 0.75));
		assertThat(stored.sources().get("venue")).isEqualTo(new FieldSource("crossref", 0.75));
		// The rest is as printed, the year (2008) included: a title search may have found
		// another edition (here the proceedings, 2009), so it corrects nothing.
		assertThat(stored.title()).isEqualTo(printed.title());
		assertThat(stored.authors()).isEqualTo(printed.authors());
		assertThat(stored.year()).isEqualTo(2008);
		assertThat(stored.abstractText()).isEqualTo(printed.abstractText());
		assertThat(stored.keywords()).isEqualTo(printed.keywords());
		assertThat(without(stored.sources(), "doi", "venue")).isEqualTo(printed.sources());
		assertThat(stored.stage()).isEqualTo("DONE: CrossRef 10.5555/thoth-test.wang-ave2008 (title search): "
				+ "took doi, venue; confirmed title, authors");
		assertThat(Files.readString(stored.note())).contains("doi: ").contains("10.5555/thoth-test.wang-ave2008");
		assertThat(crossref.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/works");
			assertThat(request.query())
				.containsEntry("query.bibliographic", "Information Synthesis for Answer Validation Rui Wang")
				.containsEntry("rows", "3");
			assertThat(request.userAgent()).isEqualTo("Thoth/0.1 (mailto:library@thoth.test)");
		});
		assertThat(lookups("found") - found).isEqualTo(1);
	}

	@Test
	void aPrintedDoiIsConfirmedByItsRecordAndNothingChanges() throws Exception {
		crossref.add(CrossrefRecords.JCAP);

		Stored stored = ingest("0807.3577.pdf");

		ExtractedMetadata printed = printed("0807.3577.pdf");
		assertKeepsPrinted(stored, printed);
		assertThat(stored.doi()).isEqualTo("10.1088/1475-7516/2008/10/003");
		assertThat(stored.venue()).isEqualTo("Journal of Cosmology and Astroparticle Physics");
		assertThat(stored.sources().values()).extracting(FieldSource::source).doesNotContain("crossref");
		// Two sources agree now: the confirmed fields are more certain, none less.
		assertThat(stored.sources().get("doi")).isEqualTo(new FieldSource("text", 0.95));
		printed.sources()
			.forEach((field, source) -> assertThat(stored.sources().get(field).confidence()).as(field)
				.isGreaterThanOrEqualTo(source.confidence()));
		assertThat(stored.stage()).isEqualTo("DONE: CrossRef 10.1088/1475-7516/2008/10/003 (printed DOI): "
				+ "took nothing; confirmed title, authors, year, doi, venue");
		assertThat(crossref.requests()).extracting(FakeCrossrefServer.Request::path)
			.containsExactly("/works/10.1088/1475-7516/2008/10/003");
	}

	@Test
	void aDoiCrossrefDoesNotKnowLeavesThePaperAsPrinted() throws Exception {
		double notFound = lookups("not_found");

		Stored stored = ingest("test_Grobid_1_05452615.pdf");

		ExtractedMetadata printed = printed("test_Grobid_1_05452615.pdf");
		assertKeepsPrinted(stored, printed);
		assertThat(stored.sources()).isEqualTo(printed.sources());
		assertThat(stored.stage()).isEqualTo("NOT_FOUND: CrossRef has no record of the printed DOI "
				+ "10.1109/DSDE.2010.49; none of CrossRef's 0 search results matches the title");
		assertThat(lookups("not_found") - notFound).isEqualTo(1);
	}

	@Test
	void crossrefFailingLeavesThePaperIngestedAsPrinted() throws Exception {
		crossref.failWith(500);
		double failed = lookups("failed");

		Stored stored = ingest("gadr.pdf");

		ExtractedMetadata printed = printed("gadr.pdf");
		assertKeepsPrinted(stored, printed);
		assertThat(stored.sources()).isEqualTo(printed.sources());
		assertThat(stored.stage()).isEqualTo("FAILED: CrossRef answered HTTP 500 to a search");
		assertThat(lookups("failed") - failed).isEqualTo(1);
	}

	@Test
	void crossrefTooSlowLeavesThePaperIngestedAsPrintedAfterTheRetries() throws Exception {
		crossref.delay(Duration.ofSeconds(5));

		Stored stored = ingest("sample.pdf");

		ExtractedMetadata printed = printed("sample.pdf");
		assertKeepsPrinted(stored, printed);
		assertThat(stored.sources()).isEqualTo(printed.sources());
		assertThat(stored.stage()).isEqualTo("FAILED: CrossRef did not answer within PT2S");
		// The platform's resilient RestClient retried the timed-out call.
		assertThat(crossref.requests()).hasSize(3);
	}

	@Test
	void aSearchResultWithAnotherTitleIsNotAttached() throws Exception {
		crossref.add(CrossrefRecords.ZFN_OTHER_TITLE);

		Stored stored = ingest("ZFN-A-054-0304-0272.pdf");

		ExtractedMetadata printed = printed("ZFN-A-054-0304-0272.pdf");
		assertKeepsPrinted(stored, printed);
		assertThat(stored.doi()).isNull();
		assertThat(stored.sources()).isEqualTo(printed.sources());
		assertThat(stored.stage()).isEqualTo("NOT_FOUND: none of CrossRef's 1 search results matches the title");
	}

	/** A paper as stored: its row, authors, keywords, field sources and lookup stage. */
	record Stored(String title, List<String> authors, Integer year, String doi, String venue, String abstractText,
			List<String> keywords, Map<String, FieldSource> sources, String stage, Path note) {

	}

	private Stored ingest(String file) throws Exception {
		UUID id = Ingested.ready(this.jdbc, workspace, file);
		Map<String, Object> row = this.jdbc
			.sql("select title, year, doi, venue, abstract, note_path from papers where id = :id")
			.param("id", id)
			.query()
			.singleRow();
		List<String> authors = this.jdbc.sql("select name from paper_authors where paper_id = :id order by position")
			.param("id", id)
			.query(String.class)
			.list();
		List<String> keywords = this.jdbc
			.sql("select k from papers, unnest(keywords) with ordinality as t(k, n) where id = :id order by n")
			.param("id", id)
			.query(String.class)
			.list();
		Map<String, FieldSource> sources = new LinkedHashMap<>();
		this.jdbc.sql("select field, source, confidence from paper_field_sources where paper_id = :id")
			.param("id", id)
			.query((rs, n) -> sources.put(rs.getString("field"),
					new FieldSource(rs.getString("source"), rs.getDouble("confidence"))))
			.list();
		// The job is matched by its content: it names its paper only when it finishes,
		// a moment after the paper is READY.
		String stage = this.jdbc
			.sql("select s.status || ': ' || coalesce(s.error, '') from job_stages s join ingest_jobs j on j.id = s.job_id "
					+ "join papers p on p.content_sha256 = j.content_sha256 where p.id = :id and s.stage = 'lookup'")
			.param("id", id)
			.query(String.class)
			.single();
		return new Stored((String) row.get("title"), authors, (Integer) row.get("year"), (String) row.get("doi"),
				(String) row.get("venue"), (String) row.get("abstract"), keywords, sources, stage,
				Path.of((String) row.get("note_path")));
	}

	/** What the extractor reads from the paper, with no lookup. */
	private ExtractedMetadata printed(String file) throws Exception {
		Path path = Corpus.ROOT.resolve("pdfs").resolve(file);
		return ((Inspection.Readable) this.inspector.inspect(path)).metadata();
	}

	private static void assertKeepsPrinted(Stored stored, ExtractedMetadata printed) {
		assertThat(stored.title()).isEqualTo(printed.title());
		assertThat(stored.authors()).isEqualTo(printed.authors());
		assertThat(stored.year()).isEqualTo(printed.year());
		assertThat(stored.doi()).isEqualTo(printed.doi());
		assertThat(stored.venue()).isEqualTo(printed.venue());
		assertThat(stored.abstractText()).isEqualTo(printed.abstractText());
		assertThat(stored.keywords()).isEqualTo(printed.keywords());
		assertThat(stored.sources().keySet()).isEqualTo(printed.sources().keySet());
	}

	private static Map<String, FieldSource> without(Map<String, FieldSource> sources, String... fields) {
		Map<String, FieldSource> copy = new LinkedHashMap<>(sources);
		for (String field : fields) {
			copy.remove(field);
		}
		return copy;
	}

	private double lookups(String outcome) {
		return this.meters.counter("thoth.pdf.lookups", "outcome", outcome).count();
	}

}
