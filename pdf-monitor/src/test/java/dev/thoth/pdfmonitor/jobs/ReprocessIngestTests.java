package dev.thoth.pdfmonitor.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.jobs.IngestJobs;
import dev.thoth.domain.jobs.ReprocessStage;
import dev.thoth.domain.papers.FieldSource;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.pdfmonitor.Corpus;
import dev.thoth.pdfmonitor.corrections.UserCorrections;
import dev.thoth.pdfmonitor.extraction.ExtractedMetadata;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Re-processing a library paper on a real monitor and PostgreSQL: the stored PDF stays
 * where it is, the paper keeps its id, the user's corrections (rows in
 * {@code paper_corrections}, as the API writes them) win over what is extracted again,
 * the note is rewritten rather than duplicated, and the chunks are replaced.
 */
@SpringBootTest(properties = { "thoth.pdf-monitor.workers=1", "thoth.pdf-monitor.scan-interval=300ms",
		"thoth.pdf-monitor.stable-for=200ms" }, webEnvironment = SpringBootTest.WebEnvironment.NONE)
// Closed afterwards: its workers would otherwise poll a deleted workspace.
@DirtiesContext
class ReprocessIngestTests {

	static final String FILE = "Wang-paperAVE2008.pdf";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@TempDir
	static Path workspace;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", workspace::toString);
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IngestJobs jobs;

	@Autowired
	PaperRepository papers;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	UserCorrections corrections;

	@Autowired
	PipelineEvents events;

	UUID paperId;

	@BeforeEach
	void ingestOnePaper() throws Exception {
		if (!Files.exists(workspace.resolve("inbox").resolve(FILE)) && this.papers.count() == 0) {
			Files.copy(Corpus.ROOT.resolve("pdfs").resolve(FILE), workspace.resolve("inbox").resolve(FILE));
			await().atMost(Duration.ofMinutes(2))
				.until(() -> "DONE".equals(this.jdbc
					.sql("select status from ingest_jobs where original_filename = :name and reprocess_from is null")
					.param("name", FILE)
					.query(String.class)
					.optional()
					.orElse(null)));
		}
		this.paperId = this.jdbc
			.sql("select paper_id from ingest_jobs where original_filename = :name and reprocess_from is null")
			.param("name", FILE)
			.query(UUID.class)
			.single();
	}

	@Test
	void reprocessingFromMetadataKeepsTheFileAndTheIdAppliesCorrectionsAndRewritesNoteAndChunks() throws Exception {
		Paper before = paper();
		Path stored = Path.of(before.getFilePath());
		assertThat(stored.getParent()).isEqualTo(workspace.resolve("papers"));
		long chunks = chunkCount();
		long chunkVersion = chunkVersion();
		Path noteBefore = Path.of(before.getNotePath());
		assertThat(Files.readString(noteBefore)).contains("Information Synthesis for Answer Validation");

		correct("title", "Answer validation by information synthesis (corrected)");
		correct("authors", "[\"Rui Wang\", \"Günter Neumann\", \"A. Reviewer\"]");
		correct("year", "2009");
		correct("doi", null);

		UUID job = reprocess(before, ReprocessStage.METADATA);

		Paper after = paper();
		assertThat(after.getId()).isEqualTo(this.paperId);
		assertThat(after.getTitle()).isEqualTo("Answer validation by information synthesis (corrected)");
		assertThat(after.getAuthors()).containsExactly("Rui Wang", "Günter Neumann", "A. Reviewer");
		assertThat(after.getYear()).isEqualTo(2009);
		assertThat(after.getDoi()).isNull();
		assertThat(after.getFieldSources()).containsEntry("title", new FieldSource("user", 1.0))
			.containsEntry("authors", new FieldSource("user", 1.0))
			.containsEntry("year", new FieldSource("user", 1.0))
			.containsEntry("doi", new FieldSource("user", 1.0));
		// Fields nobody corrected are extracted again as before.
		assertThat(after.getAbstractText()).isEqualTo(before.getAbstractText());
		assertThat(after.getFieldSources().get("abstract")).isEqualTo(before.getFieldSources().get("abstract"));
		assertThat(this.papers.count()).isEqualTo(1);

		// The stored PDF is untouched, in place; nothing went to the inbox or quarantine.
		assertThat(after.getFilePath()).isEqualTo(before.getFilePath());
		assertThat(Files.mismatch(stored, Corpus.ROOT.resolve("pdfs").resolve(FILE))).isEqualTo(-1L);
		assertThat(listing(workspace.resolve("inbox"))).isEmpty();
		assertThat(listing(workspace.resolve("quarantine"))).isEmpty();
		assertThat(listing(workspace.resolve("papers"))).containsExactly(stored.getFileName().toString());

		// The note follows the corrected title: one note for the paper, the old one gone.
		Path note = Path.of(after.getNotePath());
		assertThat(note.getFileName().toString())
			.isEqualTo("Answer validation by information synthesis (corrected).md");
		assertThat(noteBefore).doesNotExist();
		assertThat(listing(workspace.resolve("notes"))).containsExactly(note.getFileName().toString());
		String written = Files.readString(note, StandardCharsets.UTF_8);
		assertThat(written).contains("title: \"Answer validation by information synthesis (corrected)\"")
			.contains("A. Reviewer")
			.contains("year: 2009")
			.doesNotContain("doi:")
			.contains("thoth-id: " + this.paperId);

		// The chunks were written again: as many, under the same ids, no duplicates.
		assertThat(chunkCount()).isEqualTo(chunks);
		assertThat(chunkVersion()).isGreaterThan(chunkVersion);

		assertThat(stages(job)).containsExactly("inspect:DONE", "text:DONE", "metadata:DONE", "lookup:SKIPPED",
				"references:DONE", "file:SKIPPED", "graph:DONE", "analysis:DONE", "note:DONE", "chunks:DONE");
		assertThat(this.jdbc.sql("select count(*) from paper_references where paper_id = :id")
			.param("id", this.paperId)
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void aRedroppedCopyEndsAsADuplicateAtItsFirstStageAndChangesNothing() throws Exception {
		Paper before = paper();
		Path note = Path.of(before.getNotePath());
		String noteText = Files.readString(note);
		java.nio.file.attribute.FileTime noteWritten = Files.getLastModifiedTime(note);
		Timestamp analysed = analysedAt();
		long chunkVersion = chunkVersion();
		List<PipelineEvent> heard = new CopyOnWriteArrayList<>();
		try (PipelineEvents.Subscription subscription = this.events.subscribe(heard::add)) {
			awaitListening(heard);
			Path copy = Files.copy(Corpus.ROOT.resolve("pdfs").resolve(FILE),
					workspace.resolve("inbox").resolve("the same paper again.pdf"));
			UUID job = awaitJobOf("the same paper again.pdf");
			awaitEnd(job);

			assertThat(status(job)).isEqualTo("DONE");
			assertThat(stages(job)).containsExactly("inspect:DUPLICATE");
			assertThat(this.jdbc.sql("select paper_id from ingest_jobs where id = :id")
				.param("id", job)
				.query(UUID.class)
				.single()).isEqualTo(this.paperId);
			// Nothing read, analysed, written or embedded again; the redundant copy is
			// gone.
			assertThat(copy).doesNotExist();
			assertThat(Files.readString(note)).isEqualTo(noteText);
			assertThat(Files.getLastModifiedTime(note)).isEqualTo(noteWritten);
			assertThat(analysedAt()).isEqualTo(analysed);
			assertThat(chunkVersion()).isEqualTo(chunkVersion);
			assertThat(listing(workspace.resolve("papers"))).hasSize(1);
			// Its events name the paper from the first: the paper was there already.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> heard.stream()
					.anyMatch((event) -> job.equals(event.jobId()) && event.kind() == PipelineEvent.Kind.FINISHED));
			assertThat(heard).filteredOn((event) -> job.equals(event.jobId()))
				.extracting(PipelineEvent::kind, PipelineEvent::paperId)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(PipelineEvent.Kind.QUEUED, this.paperId),
						org.assertj.core.groups.Tuple.tuple(PipelineEvent.Kind.STAGE, this.paperId),
						org.assertj.core.groups.Tuple.tuple(PipelineEvent.Kind.FINISHED, this.paperId));
		}
	}

	@Test
	void aRedroppedCopyTakesThePlaceOfAStoredPdfThatWentMissing() throws Exception {
		Path stored = Path.of(paper().getFilePath());
		Path aside = Files.move(stored, workspace.resolve("moved-aside.pdf"));
		try {
			Files.copy(Corpus.ROOT.resolve("pdfs").resolve(FILE), workspace.resolve("inbox").resolve("restore me.pdf"));
			UUID job = awaitJobOf("restore me.pdf");
			awaitEnd(job);
			assertThat(stages(job)).containsExactly("inspect:DUPLICATE");
			assertThat(Files.mismatch(stored, Corpus.ROOT.resolve("pdfs").resolve(FILE))).isEqualTo(-1L);
			assertThat(listing(workspace.resolve("inbox"))).isEmpty();
		}
		finally {
			Files.deleteIfExists(aside);
		}
	}

	private UUID awaitJobOf(String name) {
		return await().atMost(Duration.ofMinutes(1))
			.until(() -> this.jdbc.sql("select id from ingest_jobs where original_filename = :name")
				.param("name", name)
				.query(UUID.class)
				.optional(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	/** Listening starts asynchronously: a probe event is published until one is heard. */
	private void awaitListening(List<PipelineEvent> heard) {
		UUID probe = UUID.randomUUID();
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
			this.events.publish(PipelineEvent.queued(probe));
			return heard.stream().anyMatch((event) -> probe.equals(event.jobId()));
		});
	}

	@Test
	void reprocessingTheChunksLeavesTheNoteAndTheAnalysisAlone() throws Exception {
		Paper before = paper();
		String note = Files.readString(Path.of(before.getNotePath()));
		Timestamp analysed = analysedAt();
		long chunks = chunkCount();
		long chunkVersion = chunkVersion();

		UUID job = reprocess(before, ReprocessStage.CHUNKS);

		assertThat(stages(job)).containsExactly("inspect:DONE", "text:DONE", "chunks:DONE");
		assertThat(Files.readString(Path.of(paper().getNotePath()))).isEqualTo(note);
		assertThat(analysedAt()).isEqualTo(analysed);
		assertThat(chunkCount()).isEqualTo(chunks);
		assertThat(chunkVersion()).isGreaterThan(chunkVersion);
		assertThat(Path.of(before.getFilePath())).exists();
		// The page texts go with the chunks: one row per page, rewritten, not duplicated.
		List<Integer> pages = this.jdbc.sql("select page from paper_pages where paper_id = :id order by page")
			.param("id", this.paperId)
			.query(Integer.class)
			.list();
		assertThat(pages).hasSize(before.getPageCount()).startsWith(1);
		assertThat(this.jdbc.sql("select text from paper_pages where paper_id = :id and page = 1")
			.param("id", this.paperId)
			.query(String.class)
			.single()).containsIgnoringCase("answer validation");
	}

	@Test
	void aStoredPdfThatCanNoLongerBeReadFailsTheJobAndStaysWhereItIs() throws Exception {
		Paper broken = new Paper("f".repeat(64));
		broken.describe("A paper whose file broke", List.of("N. Body"), 2001);
		Path file = Files.copy(Corpus.bad("notpdf.pdf"), workspace.resolve("papers").resolve("broken.pdf"));
		broken.setFilePath(file.toString());
		Paper saved = this.papers.save(broken);

		UUID job = this.jobs
			.reprocessOrFind(saved.getId(), saved.getContentSha256(), file.toString(), "broken.pdf",
					ReprocessStage.METADATA)
			.id();
		awaitEnd(job);

		assertThat(status(job)).isEqualTo("FAILED");
		assertThat(this.jdbc.sql("select error from ingest_jobs where id = :id")
			.param("id", job)
			.query(String.class)
			.single()).startsWith("the stored PDF can no longer be read");
		assertThat(Files.mismatch(file, Corpus.bad("notpdf.pdf"))).isEqualTo(-1L);
		assertThat(listing(workspace.resolve("quarantine"))).isEmpty();
		this.papers.deleteById(saved.getId());
		Files.delete(file);
	}

	@Test
	void aPaperWithoutItsStoredPdfFailsTheJob() {
		Paper missing = new Paper("e".repeat(64));
		missing.setFilePath(workspace.resolve("papers").resolve("gone.pdf").toString());
		Paper saved = this.papers.save(missing);
		UUID job = this.jobs
			.reprocessOrFind(saved.getId(), saved.getContentSha256(), saved.getFilePath(), "gone.pdf",
					ReprocessStage.NOTE)
			.id();
		awaitEnd(job);
		assertThat(status(job)).isEqualTo("FAILED");
		assertThat(stages(job)).containsExactly("inspect:FAILED");
		this.papers.deleteById(saved.getId());
	}

	@Test
	void anUnreadableCorrectionIsSkippedAndTheOthersStillApply() {
		Paper paper = this.papers.save(new Paper("d".repeat(64)));
		this.jdbc.sql("""
				insert into paper_corrections (paper_id, field, value) values
				    (:paper, 'year', 'next spring'), (:paper, 'authors', 'not, json'),
				    (:paper, 'keywords', '["validation", "entailment"]'), (:paper, 'venue', 'ACL'),
				    (:paper, 'colour', 'blue')
				""").param("paper", paper.getId()).update();
		ExtractedMetadata printed = new ExtractedMetadata("T", List.of("A. Author"), 2008, null, null, null, null,
				List.of(), java.util.Map.of("title", new FieldSource("layout", 0.9), "authors",
						new FieldSource("layout", 0.8), "year", new FieldSource("text", 0.6)));
		ExtractedMetadata corrected = this.corrections.applyTo(paper.getId(), printed);
		assertThat(corrected.year()).isEqualTo(2008);
		assertThat(corrected.authors()).containsExactly("A. Author");
		assertThat(corrected.keywords()).containsExactly("validation", "entailment");
		assertThat(corrected.venue()).isEqualTo("ACL");
		assertThat(corrected.sources()).containsEntry("year", new FieldSource("text", 0.6))
			.containsEntry("keywords", new FieldSource("user", 1.0))
			.containsEntry("venue", new FieldSource("user", 1.0))
			.doesNotContainKey("colour");
		this.papers.deleteById(paper.getId());
	}

	private UUID reprocess(Paper paper, ReprocessStage from) {
		IngestJobs.ActiveJob job = this.jobs.reprocessOrFind(paper.getId(), paper.getContentSha256(),
				paper.getFilePath(), paper.getOriginalFilename(), from);
		assertThat(job.created()).isTrue();
		awaitEnd(job.id());
		assertThat(status(job.id())).isEqualTo("DONE");
		assertThat(this.jdbc.sql("select paper_id from ingest_jobs where id = :id")
			.param("id", job.id())
			.query(UUID.class)
			.single()).isEqualTo(paper.getId());
		return job.id();
	}

	private void awaitEnd(UUID job) {
		await().atMost(Duration.ofMinutes(2)).until(() -> !List.of("QUEUED", "RUNNING").contains(status(job)));
	}

	private String status(UUID job) {
		return this.jdbc.sql("select status from ingest_jobs where id = :id")
			.param("id", job)
			.query(String.class)
			.single();
	}

	private List<String> stages(UUID job) {
		return this.jdbc.sql("select stage || ':' || status from job_stages where job_id = :id order by started_at")
			.param("id", job)
			.query(String.class)
			.list();
	}

	private void correct(String field, String value) {
		this.jdbc.sql("""
				insert into paper_corrections (paper_id, field, value) values (:paper, :field, :value)
				on conflict (paper_id, field) do update set value = excluded.value, corrected_at = now()
				""").param("paper", this.paperId).param("field", field).param("value", value).update();
	}

	private Paper paper() {
		return this.transactions.execute((status) -> {
			Paper paper = this.papers.findWithDetailsById(this.paperId).orElseThrow();
			paper.getAuthors();
			paper.getFieldSources();
			return paper;
		});
	}

	private long chunkCount() {
		return this.jdbc.sql("select count(distinct id) from paper_chunks where paper_id = :id")
			.param("id", this.paperId)
			.query(Long.class)
			.single();
	}

	private long chunkVersion() {
		return this.jdbc.sql("select version from paper_chunks_state").query(Long.class).single();
	}

	private Timestamp analysedAt() {
		return this.jdbc.sql("select created_at from paper_analyses where paper_id = :id")
			.param("id", this.paperId)
			.query(Timestamp.class)
			.single();
	}

	private static List<String> listing(Path directory) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

}
