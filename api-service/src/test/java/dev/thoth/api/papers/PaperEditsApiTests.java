package dev.thoth.api.papers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.api.support.Library;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.Answer;
import dev.thoth.clients.api.AskClient;
import dev.thoth.clients.api.AuthorName;
import dev.thoth.clients.api.FieldProvenance;
import dev.thoth.clients.api.PaperCorrection;
import dev.thoth.clients.api.PaperDetails;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.clients.api.Question;
import dev.thoth.clients.api.Retraction;
import dev.thoth.clients.api.RetractionNotice;
import dev.thoth.clients.api.SearchClient;
import dev.thoth.clients.api.SearchHit;
import dev.thoth.domain.papers.FieldSource;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperReference;
import dev.thoth.domain.papers.PaperReferenceRepository;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestServers;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.VectorStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Correcting, removing and serving papers over real HTTP, on a real database, with
 * passages embedded by the real model and files in a real workspace.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = "THOTH_RATE_LIMIT_PER_MINUTE=0")
class PaperEditsApiTests {

	static final String KEY = "edits-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	static final Path WORKSPACE = temporaryWorkspace();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, WORKSPACE::toString, PORT);
	}

	@Autowired
	PapersClient client;

	@Autowired
	SearchClient search;

	@Autowired
	AskClient ask;

	@Autowired
	PaperRepository papers;

	@Autowired
	PaperReferenceRepository references;

	@Autowired
	VectorStore store;

	@Autowired
	Embedder embedder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Path temporaryWorkspace() {
		try {
			Path workspace = Files.createTempDirectory("thoth-edits-ws");
			Files.createDirectories(workspace.resolve("papers"));
			Files.createDirectories(workspace.resolve("notes"));
			return workspace;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Library library() {
		return new Library(this.papers, this.store, this.embedder);
	}

	// PATCH

	@Test
	void aCorrectionIsAppliedWithUserProvenanceAndRecordedForReprocessing() throws Exception {
		Paper paper = library().add("Bi-criteria scheduling of moldable jobs", Library.SCHEDULING);
		paper = this.papers.findWithDetailsById(paper.getId()).orElseThrow();
		paper.recordSource("title", new FieldSource("layout", 0.6));
		this.papers.save(paper);

		HttpResponse<String> response = patch(paper.getId(), """
				{"title": "  Scheduling moldable jobs, corrected ",
				 "authors": ["Grace Hopper", {"name": "Alan Turing"}],
				 "year": 2019, "doi": "https://doi.org/10.1145/3297858.3304013", "venue": "ASPLOS",
				 "abstract": "We schedule moldable jobs.", "keywords": ["scheduling", "clusters", "scheduling"]}
				""");
		assertThat(response.statusCode()).isEqualTo(200);
		PaperDetails details = this.json.readValue(response.body(), PaperDetails.class);
		assertThat(details.title()).isEqualTo("Scheduling moldable jobs, corrected");
		assertThat(details.authors()).containsExactly(new AuthorName("Grace Hopper"), new AuthorName("Alan Turing"));
		assertThat(details.year()).isEqualTo(2019);
		assertThat(details.doi()).isEqualTo("10.1145/3297858.3304013");
		assertThat(details.venue()).isEqualTo("ASPLOS");
		assertThat(details.abstractText()).isEqualTo("We schedule moldable jobs.");
		assertThat(details.keywords()).containsExactly("scheduling", "clusters");
		for (String field : CorrectionRequest.FIELDS) {
			assertThat(details.provenance()).containsEntry(field, new FieldProvenance("user", 1.0));
		}
		assertThat(this.client.get(paper.getId())).usingRecursiveComparison()
			.ignoringFields("createdAt", "updatedAt")
			.isEqualTo(details);

		Map<String, String> stored = corrections(paper.getId());
		assertThat(stored).containsOnlyKeys(CorrectionRequest.FIELDS);
		assertThat(stored).containsEntry("title", "Scheduling moldable jobs, corrected")
			.containsEntry("authors", "[\"Grace Hopper\",\"Alan Turing\"]")
			.containsEntry("year", "2019")
			.containsEntry("doi", "10.1145/3297858.3304013")
			.containsEntry("venue", "ASPLOS")
			.containsEntry("abstract", "We schedule moldable jobs.")
			.containsEntry("keywords", "[\"scheduling\",\"clusters\"]");
		assertThat(this.papers.findById(paper.getId()).orElseThrow().getNormalizedTitle())
			.isEqualTo("scheduling moldable jobs corrected");
	}

	@Test
	void fieldsLeftOutStayAndNullClearsAField() throws Exception {
		Paper paper = storedPaper("Radioactive substances", "10.1000/radium");
		paper.setVenue("Comptes rendus");
		this.papers.save(paper);

		PaperDetails details = this.client.correct(paper.getId(),
				new PaperCorrection(null, null, 1904, null, null, null, null));
		assertThat(details.year()).isEqualTo(1904);
		assertThat(details.title()).isEqualTo("Radioactive substances");
		assertThat(details.doi()).isEqualTo("10.1000/radium");
		assertThat(details.provenance()).containsEntry("year", new FieldProvenance("user", 1.0))
			.doesNotContainKey("title");

		HttpResponse<String> cleared = patch(paper.getId(), "{\"doi\": null, \"venue\": \"  \", \"authors\": null}");
		assertThat(cleared.statusCode()).isEqualTo(200);
		PaperDetails after = this.client.get(paper.getId());
		assertThat(after.doi()).isNull();
		assertThat(after.venue()).isNull();
		assertThat(after.authors()).isEmpty();
		assertThat(after.year()).isEqualTo(1904);
		Map<String, String> stored = corrections(paper.getId());
		assertThat(stored).containsEntry("doi", null).containsEntry("venue", null).containsEntry("authors", "[]");
		assertThat(stored).containsEntry("year", "1904");
	}

	@Test
	void theTypedClientSendsOnlyTheFieldsItSets() {
		Paper paper = storedPaper("Typed client paper", "10.1000/typed");
		PaperDetails details = this.client.correct(paper.getId(), new PaperCorrection("Typed client paper, corrected",
				List.of(new AuthorName("Emmy Noether")), null, null, null, "An abstract.", List.of("algebra")));
		assertThat(details.title()).isEqualTo("Typed client paper, corrected");
		assertThat(details.authors()).containsExactly(new AuthorName("Emmy Noether"));
		assertThat(details.abstractText()).isEqualTo("An abstract.");
		assertThat(details.keywords()).containsExactly("algebra");
		assertThat(details.doi()).isEqualTo("10.1000/typed");
		assertThat(corrections(paper.getId())).containsOnlyKeys("title", "authors", "abstract", "keywords");
	}

	@Test
	void anInvalidCorrectionIsA400NamingEachFieldAndChangesNothing() throws Exception {
		Paper paper = storedPaper("Untouched", "10.1000/untouched");
		HttpResponse<String> response = patch(paper.getId(), """
				{"title": " ", "year": 3000, "doi": "not-a-doi", "authors": ["Ada", 7], "status": "READY",
				 "keywords": "one", "venue": 5}
				""");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("errors").values()).extracting((error) -> error.get("field").asString())
			.containsExactlyInAnyOrder("title", "year", "doi", "authors[1]", "status", "keywords", "venue");
		assertThat(problem.get("detail").asString()).contains("year: must be between 1000 and");

		for (String body : List.of("{\"year\": 999}", "{\"year\": 2001.5}", "{\"year\": \"2001\"}",
				"{\"doi\": \"10.12/too-short-prefix\"}", "{\"doi\": \"10.1234/has space\"}", "{\"title\": null}",
				"{\"title\": \"" + "x".repeat(1001) + "\"}", "{\"authors\": [{\"nom\": \"Ada\"}]}",
				"{\"abstract\": \"a\", \"abstractText\": \"b\"}")) {
			HttpResponse<String> invalid = patch(paper.getId(), body);
			assertThat(invalid.statusCode()).as(body).isEqualTo(400);
		}
		for (String body : List.of("[]", "\"title\"", "42", "", "{not json")) {
			assertThat(patch(paper.getId(), body).statusCode()).as(body).isEqualTo(400);
		}
		PaperDetails unchanged = this.client.get(paper.getId());
		assertThat(unchanged.title()).isEqualTo("Untouched");
		assertThat(unchanged.doi()).isEqualTo("10.1000/untouched");
		assertThat(corrections(paper.getId())).isEmpty();
	}

	@Test
	void hostileTextIsStoredAsText() throws Exception {
		Paper paper = storedPaper("Plain", null);
		String hostile = "Robert'); drop table papers; -- <script>";
		HttpResponse<String> response = patch(paper.getId(),
				this.json.writeValueAsString(Map.of("title", hostile, "venue", "%_\\")));
		assertThat(response.statusCode()).isEqualTo(200);
		PaperDetails details = this.client.get(paper.getId());
		assertThat(details.title()).isEqualTo(hostile);
		assertThat(details.venue()).isEqualTo("%_\\");
		assertThat(this.papers.count()).isPositive();
	}

	@Test
	void controlCharactersAndTypeErrorsAre400sNamingTheFieldAndChangeNothing() throws Exception {
		Paper paper = storedPaper("Plain", null);
		HttpResponse<String> nul = patch(paper.getId(), "{\"title\": \"a\\u0000b\"}");
		assertThat(nul.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(nul.body()).get("detail").asString())
			.isEqualTo("title: must not contain control characters (U+0000)");
		HttpResponse<String> surrogate = patch(paper.getId(), "{\"authors\": [\"Ada\", \"\\udc00\"]}");
		assertThat(this.json.readTree(surrogate.body()).get("detail").asString()).startsWith("authors[1]: ");
		assertThat(this.client.get(paper.getId()).title()).isEqualTo("Plain");
	}

	@Test
	void correctingAnUnknownPaperIs404() throws Exception {
		HttpResponse<String> response = patch(UUID.randomUUID(), "{\"year\": 2000}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThatThrownBy(() -> this.client.correct(UUID.randomUUID(), PaperCorrection.title("x")))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
	}

	@Test
	void aCorrectedTitleShowsInSearchHitsAtOnce() {
		Paper paper = library().add("Water use of desert succulents", Library.DESERT_PLANTS);
		List<SearchHit> before = this.search
			.search("crassulacean acid metabolism stomata", 5, "lexical", List.of(paper.getId()), null)
			.hits();
		assertThat(before).extracting(SearchHit::title).contains("Water use of desert succulents");
		this.client.correct(paper.getId(), PaperCorrection.title("How succulents save water"));
		List<SearchHit> after = this.search
			.search("crassulacean acid metabolism stomata", 5, "lexical", List.of(paper.getId()), null)
			.hits();
		assertThat(after).isNotEmpty().extracting(SearchHit::title).containsOnly("How succulents save water");
	}

	// Retractions

	@Test
	void aNoticeShowsOnThePaperItsListEntryItsSearchHitsAndItsCitations() {
		Paper paper = library().add("Decision records under review", Library.DECISIONS);
		UUID id = paper.getId();
		// Searched once before: a cached search shows the notice all the same.
		assertThat(
				this.search.search("architectural decision records markdown", 5, "lexical", List.of(id), null).hits())
			.isNotEmpty()
			.allSatisfy((hit) -> assertThat(hit.retraction()).isNull());
		RetractionNotice notice = new RetractionNotice("retraction", "10.5555/thoth.retraction.9",
				LocalDate.of(2024, 2, 12), "retraction-watch", "Retraction");

		Retraction recorded = this.client.recordRetraction(id, notice);

		assertThat(recorded.notice()).isEqualTo(notice);
		assertThat(recorded.flaggedAt()).isNotNull();
		// The PDF monitors are asked to write the note again (with the notice).
		assertThat(this.jdbc.sql("select count(*) from note_refreshes where paper_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.client.get(id).retraction()).isEqualTo(recorded);
		assertThat(this.client.find("Decision records under review", null, null, null, null, null, null, 0, 10).items())
			.singleElement()
			.satisfies((summary) -> assertThat(summary.retraction()).isEqualTo(recorded));
		assertThat(
				this.search.search("architectural decision records markdown", 5, "lexical", List.of(id), null).hits())
			.isNotEmpty()
			.allSatisfy((hit) -> assertThat(hit.retraction()).isEqualTo(recorded));
		Answer answer = this.ask
			.ask(new Question("Why do architects write decision records?", null, List.of(id), null));
		assertThat(answer.citations()).isNotEmpty()
			.allSatisfy((citation) -> assertThat(citation.retraction()).isEqualTo(recorded));

		// The same notice again changes nothing; another one replaces it.
		Instant updated = this.papers.findById(id).orElseThrow().getUpdatedAt();
		assertThat(this.client.recordRetraction(id, notice)).isEqualTo(recorded);
		assertThat(this.papers.findById(id).orElseThrow().getUpdatedAt()).isEqualTo(updated);
		Retraction corrected = this.client.recordRetraction(id,
				new RetractionNotice("correction", "10.5555/thoth.correction.9", null, null, null));
		assertThat(corrected.type()).isEqualTo("correction");
		assertThat(corrected.date()).isNull();
		assertThat(this.client.get(id).retraction()).isEqualTo(corrected);
	}

	@Test
	void anInvalidNoticeIsA400NamingTheFieldAndChangesNothing() throws Exception {
		Paper paper = storedPaper("Not retracted", "10.5555/thoth.fine");
		String path = "/api/v1/papers/" + paper.getId() + "/retraction";
		String future = LocalDate.now().plusDays(3).toString();
		List<String[]> cases = List.of(
				new String[] { "type", "{\"type\": \"retracted\", \"noticeDoi\": \"10.5555/x\"}" },
				new String[] { "type", "{\"noticeDoi\": \"10.5555/x\"}" },
				new String[] { "noticeDoi", "{\"type\": \"retraction\"}" },
				new String[] { "noticeDoi", "{\"type\": \"retraction\", \"noticeDoi\": \"not a DOI\"}" },
				new String[] { "noticeDoi", "{\"type\": \"retraction\", \"noticeDoi\": \"10.5555/a b\"}" },
				new String[] { "noticeDoi",
						"{\"type\": \"retraction\", \"noticeDoi\": \"10.5555/" + "x".repeat(300) + "\"}" },
				new String[] { "date",
						"{\"type\": \"retraction\", \"noticeDoi\": \"10.5555/x\", \"date\": \"" + future + "\"}" },
				new String[] { "date",
						"{\"type\": \"retraction\", \"noticeDoi\": \"10.5555/x\", \"date\": \"1066-10-14\"}" },
				new String[] { "date", "{\"type\": \"retraction\", \"noticeDoi\": \"10.5555/x\", \"date\": \"soon\"}" },
				new String[] { "source",
						"{\"type\": \"retraction\", \"noticeDoi\": \"10.5555/x\", \"source\": \"<script>\"}" },
				new String[] { "label",
						"{\"type\": \"retraction\", \"noticeDoi\": \"10.5555/x\", \"label\": \"" + "L".repeat(101)
								+ "\"}" },
				new String[] { "label",
						"{\"type\": \"retraction\", \"noticeDoi\": \"10.5555/x\", \"label\": \"a\\u0000b\"}" });
		for (String[] example : cases) {
			HttpResponse<String> response = send("PUT", path, example[1], KEY, "application/json");
			assertThat(response.statusCode()).as(example[1]).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).as(example[1]).contains(example[0]);
		}
		assertThat(send("PUT", path, "[1, 2]", KEY, "application/json").statusCode()).isEqualTo(400);
		String valid = "{\"type\": \"withdrawal\", \"noticeDoi\": \"10.5555/x\"}";
		assertThat(send("PUT", path, valid, null, "application/json").statusCode()).isEqualTo(401);
		HttpResponse<String> unknown = send("PUT", "/api/v1/papers/" + UUID.randomUUID() + "/retraction", valid, KEY,
				"application/json");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.client.get(paper.getId()).retraction()).isNull();
	}

	@Test
	void aCorrectedDoiLinksReferencesThatCiteIt() {
		Paper cited = storedPaper("A paper whose DOI was missing", null);
		Paper citing = storedPaper("A citing paper", null);
		PaperReference reference = new PaperReference(citing.getId(), 1, "[1] Someone. Something. 10.5555/found.");
		reference.describe(null, List.of("Someone"), 2001, null, "10.5555/FOUND", null);
		this.references.save(reference);
		assertThat(this.references.findById(reference.getId()).orElseThrow().getResolvedPaperId()).isNull();

		this.client.correct(cited.getId(), new PaperCorrection(null, null, null, "10.5555/found", null, null, null));
		assertThat(this.references.findById(reference.getId()).orElseThrow().getResolvedPaperId())
			.isEqualTo(cited.getId());
	}

	// DELETE

	@Test
	void removingAPaperRemovesItsPassagesAndLinksButKeepsItsFilesInTheTrash() throws Exception {
		Paper removed = library().add("Architectural decision records", Library.DECISIONS);
		Paper citing = library().add("Bi-criteria scheduling of moldable jobs", Library.SCHEDULING);
		byte[] pdfBytes = Files.readAllBytes(corpusPdf());
		Path pdf = Files.write(WORKSPACE.resolve("papers").resolve("Nygard 2011 Decision records.pdf"), pdfBytes);
		Path note = Files.writeString(WORKSPACE.resolve("notes").resolve("Decision records.md"),
				"# Decision records\nMy own remarks.\n");
		// Something with the same name is already in the trash: it must survive.
		Path trash = Files.createDirectories(WORKSPACE.resolve("trash"));
		Files.writeString(trash.resolve("Nygard 2011 Decision records.pdf"), "an older file");
		Paper row = this.papers.findById(removed.getId()).orElseThrow();
		row.setFilePath(pdf.toString());
		row.setNotePath(note.toString());
		this.papers.save(row);
		PaperReference reference = new PaperReference(citing.getId(), 1, "[1] M. Nygard. Documenting decisions.");
		reference.describe("Documenting decisions", List.of("M. Nygard"), 2011, null, null, null);
		reference.resolveTo(removed.getId());
		this.references.save(reference);
		this.jdbc.sql("insert into paper_corrections (paper_id, field, value) values (:id, 'year', '2011')")
			.param("id", removed.getId())
			.update();
		float[] query = this.embedder.embed("why a design choice was made");
		assertThat(this.store.semantic(query, 5, Filter.papers(removed.getId()))).isNotEmpty();
		// A search answered before the removal is cached; it must not survive it.
		assertThat(this.search.search("version control template", 5, "lexical", null, null).hits())
			.extracting(SearchHit::paperId)
			.contains(removed.getId());

		HttpResponse<String> response = send("DELETE", "/api/v1/papers/" + removed.getId(), null, KEY);
		assertThat(response.statusCode()).isEqualTo(204);

		assertThat(this.store.semantic(query, 5, Filter.papers(removed.getId()))).isEmpty();
		assertThat(this.store.lexical("version control template", 5, Filter.papers(removed.getId()))).isEmpty();
		assertThat(this.search.search("version control template", 5, "lexical", null, null).hits())
			.extracting(SearchHit::paperId)
			.doesNotContain(removed.getId());
		assertThat(this.papers.findById(removed.getId())).isEmpty();
		PaperReference unresolved = this.references.findById(reference.getId()).orElseThrow();
		assertThat(unresolved.getResolvedPaperId()).isNull();
		assertThat(unresolved.getRaw()).isEqualTo("[1] M. Nygard. Documenting decisions.");
		assertThat(this.jdbc.sql("select count(*) from paper_corrections where paper_id = :id")
			.param("id", removed.getId())
			.query(Long.class)
			.single()).isZero();

		assertThat(pdf).doesNotExist();
		assertThat(note).doesNotExist();
		assertThat(trash.resolve("Nygard 2011 Decision records.pdf")).hasContent("an older file");
		Path trashedPdf = trash.resolve("Nygard 2011 Decision records-1.pdf");
		assertThat(Files.readAllBytes(trashedPdf)).isEqualTo(pdfBytes);
		assertThat(trash.resolve("Decision records.md")).hasContent("# Decision records\nMy own remarks.");

		assertThatThrownBy(() -> this.client.get(removed.getId()))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
		assertThat(send("DELETE", "/api/v1/papers/" + removed.getId(), null, KEY).statusCode()).isEqualTo(404);
		assertThat(this.client.get(citing.getId()).title()).isEqualTo("Bi-criteria scheduling of moldable jobs");
	}

	@Test
	void removingWithTheTypedClientAndAFileOutsideTheWorkspaceLeavesThatFileAlone() throws Exception {
		Path outside = Files.createTempFile("not-in-the-library", ".pdf");
		Files.writeString(outside, "someone else's file");
		Paper paper = storedPaper("Points outside", null);
		paper.setFilePath(outside.toString());
		this.papers.save(paper);
		this.client.delete(paper.getId());
		assertThat(this.papers.findById(paper.getId())).isEmpty();
		assertThat(outside).hasContent("someone else's file");
		assertThatThrownBy(() -> this.client.delete(paper.getId()))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
	}

	// PDF

	@Test
	void thePdfIsServedInlineWithRangeSupport() throws Exception {
		byte[] bytes = Files.readAllBytes(corpusPdf());
		Path pdf = Files.write(WORKSPACE.resolve("papers").resolve("Lovelace 1843 Notes.pdf"), bytes);
		Paper paper = storedPaper("Notes", null);
		paper.setFilePath(pdf.toString());
		this.papers.save(paper);

		HttpResponse<byte[]> whole = sendForBytes("/api/v1/papers/" + paper.getId() + "/pdf", Map.of());
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.body()).isEqualTo(bytes);
		assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(whole.headers().firstValue("Content-Disposition"))
			.hasValue("inline; filename=\"Lovelace 1843 Notes.pdf\"");
		assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(this.client.pdf(paper.getId())).isEqualTo(bytes);

		HttpResponse<byte[]> part = sendForBytes("/api/v1/papers/" + paper.getId() + "/pdf",
				Map.of("Range", "bytes=100-199"));
		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));
		assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + bytes.length);

		HttpResponse<byte[]> tail = sendForBytes("/api/v1/papers/" + paper.getId() + "/pdf",
				Map.of("Range", "bytes=-10"));
		assertThat(tail.statusCode()).isEqualTo(206);
		assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));

		HttpResponse<byte[]> beyond = sendForBytes("/api/v1/papers/" + paper.getId() + "/pdf",
				Map.of("Range", "bytes=" + (bytes.length + 10) + "-"));
		assertThat(beyond.statusCode()).isEqualTo(416);
	}

	@Test
	void aHostileFileNameNeverReachesTheHeaderAsIs() throws Exception {
		Path pdf = Files.writeString(
				WORKSPACE.resolve("papers").resolve("Évariste \"Galois\"; filename=evil.exe\r\nX-Injected: 1.pdf"),
				"%PDF-1.4 tiny");
		Paper paper = storedPaper("Galois", null);
		paper.setFilePath(pdf.toString());
		this.papers.save(paper);
		HttpResponse<byte[]> response = sendForBytes("/api/v1/papers/" + paper.getId() + "/pdf", Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Injected")).isEmpty();
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("inline; filename=\"Evariste _Galois_ filename_evil.exe_X-Injected_ 1.pdf\"");
	}

	@Test
	void aMissingPdfOrOneOutsideThePapersFolderIs404() throws Exception {
		Paper noFile = storedPaper("No file", null);
		assertThat(sendForBytes("/api/v1/papers/" + noFile.getId() + "/pdf", Map.of()).statusCode()).isEqualTo(404);

		Paper gone = storedPaper("Gone", null);
		gone.setFilePath(WORKSPACE.resolve("papers").resolve("gone.pdf").toString());
		this.papers.save(gone);
		HttpResponse<String> missing = send("GET", "/api/v1/papers/" + gone.getId() + "/pdf", null, KEY);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThatThrownBy(() -> this.client.pdf(gone.getId())).isInstanceOf(HttpClientErrorException.NotFound.class);

		Path secret = Files.writeString(WORKSPACE.resolve("secret.pdf"), "not a library file");
		Path outsideWorkspace = Files.createTempFile("outside", ".pdf");
		Path link = WORKSPACE.resolve("papers").resolve("link-" + UUID.randomUUID() + ".pdf");
		Files.createSymbolicLink(link, secret);
		for (String path : List.of(secret.toString(), WORKSPACE.resolve("papers/../secret.pdf").toString(),
				outsideWorkspace.toString(), link.toString(), "/etc/passwd", "papers/relative.pdf",
				WORKSPACE.resolve("papers").toString())) {
			Paper paper = storedPaper("Outside " + path, null);
			paper.setFilePath(path);
			this.papers.save(paper);
			HttpResponse<String> response = send("GET", "/api/v1/papers/" + paper.getId() + "/pdf", null, KEY);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).doesNotContain("not a library file");
		}
		assertThat(sendForBytes("/api/v1/papers/" + UUID.randomUUID() + "/pdf", Map.of()).statusCode()).isEqualTo(404);
	}

	@Test
	void everyChangeNeedsTheKey() throws Exception {
		Paper paper = storedPaper("Guarded", null);
		assertThat(send("PATCH", "/api/v1/papers/" + paper.getId(), "{\"year\": 2000}", null).statusCode())
			.isEqualTo(401);
		assertThat(send("DELETE", "/api/v1/papers/" + paper.getId(), null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/v1/papers/" + paper.getId() + "/pdf", null, null).statusCode()).isEqualTo(401);
		assertThat(send("DELETE", "/api/v1/papers/" + paper.getId(), null, "wrong-key").statusCode()).isEqualTo(401);
		assertThat(this.papers.findById(paper.getId())).isPresent();
	}

	private Paper storedPaper(String title, String doi) {
		Paper paper = new Paper(sha(title));
		paper.describe(title, List.of("Marie Curie"), 1903);
		paper.setDoi(doi);
		return this.papers.save(paper);
	}

	private static String sha(String seed) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest((seed + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path corpusPdf() {
		return Path.of(System.getProperty("thoth.corpus", "../../shared/corpus"), "pdfs", "sample.pdf");
	}

	private Map<String, String> corrections(UUID paperId) {
		Map<String, String> values = new java.util.HashMap<>();
		this.jdbc.sql("select field, value from paper_corrections where paper_id = :id")
			.param("id", paperId)
			.query((rs, row) -> values.put(rs.getString("field"), rs.getString("value")))
			.list();
		return values;
	}

	private HttpResponse<String> patch(UUID id, String body) throws Exception {
		return send("PATCH", "/api/v1/papers/" + id, body, KEY);
	}

	private HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
		return send(method, path, body, key, "application/merge-patch+json");
	}

	private HttpResponse<String> send(String method, String path, String body, String key, String contentType)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", contentType);
		}
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<byte[]> sendForBytes(String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + KEY);
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

}
