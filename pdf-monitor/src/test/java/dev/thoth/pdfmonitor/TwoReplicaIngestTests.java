package dev.thoth.pdfmonitor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.thoth.testsupport.TestServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.thoth.vectorstore.Embedder;
import dev.thoth.vectorstore.Filter;
import dev.thoth.vectorstore.VectorStore;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two PDF monitor replicas on one inbox and one real PostgreSQL: every corpus paper
 * becomes exactly one paper, the scan without a text layer is read by OCR (Tesseract is
 * installed with the test servers), every bad file lands in quarantine with its reason
 * and its bytes, and nothing is processed twice.
 */
class TwoReplicaIngestTests {

	@TempDir
	static Path workspace;

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	static JdbcClient jdbc;

	static Path encrypted;

	static final String SCAN = "scanned-image-only-ZFN-A-054-0304-0272.pdf";

	@BeforeAll
	static void startTwoReplicasAndDropTheCorpus() throws Exception {
		for (int i = 0; i < 2; i++) {
			replicas
				.add(new SpringApplicationBuilder(PdfMonitorApplication.class).properties(Map.of("THOTH_DATABASE_URL",
						database.url(), "THOTH_DATABASE_USER", database.user(), "THOTH_DATABASE_PASSWORD",
						database.password(), "THOTH_WORKSPACE_DIR", workspace.toString(), "THOTH_PDF_MONITOR_PORT", "0",
						"thoth.pdf-monitor.scan-interval", "500ms", "thoth.pdf-monitor.stable-for", "300ms"))
					.run());
		}
		jdbc = replicas.getFirst().getBean(JdbcClient.class);
		Path inbox = workspace.resolve("inbox");
		for (Corpus.Paper paper : Corpus.papers()) {
			Files.copy(paper.path(), inbox.resolve(paper.file()));
		}
		// The same content again under another, hostile name.
		Files.copy(Corpus.papers().get(1).path(), inbox.resolve("copy of it; rm -rf $(id) `x` ü.pdf"));
		for (String bad : List.of("empty.pdf", "notpdf.pdf", "truncated-0807.3577.pdf", SCAN)) {
			Files.copy(Corpus.bad(bad), inbox.resolve(bad));
		}
		encrypted = workspace.resolve("encrypted-original.pdf");
		try (PDDocument document = Loader.loadPDF(Corpus.papers().get(4).path().toFile())) {
			document.protect(new StandardProtectionPolicy("owner", "user", new AccessPermission()));
			document.save(encrypted.toFile());
		}
		Files.copy(encrypted, inbox.resolve("locked.pdf"));

		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
			try (Stream<Path> left = Files.list(inbox)) {
				return left.findAny().isEmpty()
						&& jdbc.sql("select count(*) from ingest_jobs where status in ('QUEUED', 'RUNNING')")
							.query(Long.class)
							.single() == 0;
			}
		});
	}

	@AfterAll
	static void stop() {
		replicas.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void everyCorpusPaperIsOnePaperWithItsPagesAndItsBytes() throws Exception {
		for (Corpus.Paper paper : Corpus.papers()) {
			List<Map<String, Object>> rows = jdbc
				.sql("select status, page_count, file_path from papers where content_sha256 = :hash")
				.param("hash", paper.sha256())
				.query()
				.listOfRows();
			assertThat(rows).as(paper.file()).hasSize(1);
			assertThat(rows.getFirst().get("status")).isEqualTo("READY");
			assertThat(rows.getFirst().get("page_count")).as(paper.file()).isEqualTo(paper.pages());
			Path stored = Path.of((String) rows.getFirst().get("file_path"));
			assertThat(stored.getParent()).isEqualTo(workspace.resolve("papers"));
			assertThat(Files.mismatch(stored, paper.path())).as(paper.file()).isEqualTo(-1L);
		}
		// and the scan
		assertThat(jdbc.sql("select count(*) from papers").query(Long.class).single()).isEqualTo(7);
	}

	@Test
	void theScanWithoutATextLayerWasReadByOcr() throws Exception {
		Path scan = Corpus.bad(SCAN);
		Map<String, Object> paper = jdbc
			.sql("select id, status, title, year, page_count, file_path from papers where content_sha256 = :hash")
			.param("hash", sha256(scan))
			.query()
			.singleRow();
		assertThat(paper.get("status")).isEqualTo("READY");
		assertThat(paper.get("page_count")).isEqualTo(2);
		assertThat(normalize((String) paper.get("title")))
			.isEqualTo("Exact Solitary-wave Solutions for the General Fifth-order Shallow Water-wave Models");
		assertThat(paper.get("year")).isEqualTo(1999);
		assertThat(Files.mismatch(Path.of((String) paper.get("file_path")), scan)).isEqualTo(-1L);
		assertThat(jdbc.sql("select source from paper_field_sources where paper_id = :id and field = 'title'")
			.param("id", paper.get("id"))
			.query(String.class)
			.single()).isEqualTo("ocr");
		assertThat(jdbc.sql("""
				select s.error from job_stages s join ingest_jobs j on j.id = s.job_id
				where j.original_filename = :name and s.stage = 'text' and s.status = 'DONE'
				""").param("name", SCAN).query(String.class).single()).isEqualTo("OCR on 2 of 2 pages");
		assertThat(jdbc.sql("select raw from paper_references where paper_id = :id order by position")
			.param("id", paper.get("id"))
			.query(String.class)
			.list()).hasSize(4).first().isEqualTo("[1] S. Kichenassamy, Nonlinearity 10, 133 (1997).");
		assertThat(jdbc.sql("select count(*) from paper_chunks where paper_id = :id")
			.param("id", paper.get("id"))
			.query(Long.class)
			.single()).isPositive();
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

	@Test
	void everyPaperHasItsMetadataReferencesAnalysisAndNote() throws Exception {
		for (Corpus.Truth truth : Corpus.truths("")) {
			Map<String, Object> paper = jdbc
				.sql("select id, title, year, doi, note_path from papers where content_sha256 = (select sha256 from "
						+ "(values (:hash)) as t(sha256))")
				.param("hash",
						Corpus.papers()
							.stream()
							.filter((p) -> p.file().equals(truth.file()))
							.findFirst()
							.orElseThrow()
							.sha256())
				.query()
				.singleRow();
			assertThat(normalize((String) paper.get("title"))).as(truth.file()).isEqualTo(normalize(truth.title()));
			assertThat(paper.get("year")).as(truth.file()).isEqualTo(truth.year());
			assertThat(jdbc.sql("select count(*) from paper_references where paper_id = :id")
				.param("id", paper.get("id"))
				.query(Long.class)
				.single()).as(truth.file() + " references")
				.isIn(truth.referenceCountAccept().stream().map(Long::valueOf).toList());
			assertThat(jdbc.sql("select analyzer from paper_analyses where paper_id = :id")
				.param("id", paper.get("id"))
				.query(String.class)
				.single()).isEqualTo("offline");
			Path note = Path.of((String) paper.get("note_path"));
			assertThat(note.getParent()).isEqualTo(workspace.resolve("notes"));
			String markdown = Files.readString(note);
			assertThat(markdown).startsWith("---\ntitle: ")
				.contains("thoth-id: " + paper.get("id"))
				.contains("source: \"papers/");
			assertThat(jdbc.sql("select count(*) from paper_chunks where paper_id = :id")
				.param("id", paper.get("id"))
				.query(Long.class)
				.single()).as(truth.file() + " chunks").isPositive();
		}
	}

	@Test
	void aPhraseFromAPaperFindsItsChunksLexicallyAndByMeaning() {
		VectorStore store = replicas.getFirst().getBean(VectorStore.class);
		Embedder embedder = replicas.getFirst().getBean(Embedder.class);
		UUID gadr = jdbc.sql("select id from papers where title like 'Generalized Markdown%'")
			.query(UUID.class)
			.single();
		assertThat(store.lexical("architectural decision records", 5, Filter.any()).getFirst().paperId())
			.isEqualTo(gadr);
		assertThat(store
			.semantic(embedder.embed("how to write down why a software design choice was made"), 5, Filter.any())
			.getFirst()
			.paperId()).isEqualTo(gadr);
	}

	private static String normalize(String text) {
		return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
	}

	@Test
	void theDuplicateCopyResolvedToTheSamePaperAndNothingRanTwice() {
		assertThat(jdbc.sql("select count(*) from job_stages where stage = 'file' and status = 'DONE'")
			.query(Long.class)
			.single()).isEqualTo(7);
		// The copy ends at its first stage, naming the paper: nothing read, analysed or
		// written again.
		Map<String, Object> duplicate = jdbc.sql("""
				select j.id, j.status, j.paper_id, s.error from ingest_jobs j join job_stages s on s.job_id = j.id
				where s.stage = 'inspect' and s.status = 'DUPLICATE'
				""").query().singleRow();
		assertThat(duplicate.get("status")).isEqualTo("DONE");
		assertThat(duplicate.get("paper_id")).isEqualTo(jdbc.sql("select id from papers where content_sha256 = :hash")
			.param("hash", Corpus.papers().get(1).sha256())
			.query(UUID.class)
			.single());
		assertThat((String) duplicate.get("error"))
			.isEqualTo("already in the library as paper " + duplicate.get("paper_id"));
		assertThat(jdbc.sql("select stage from job_stages where job_id = :id")
			.param("id", duplicate.get("id"))
			.query(String.class)
			.list()).containsExactly("inspect");
		assertThat(jdbc.sql("select count(*) from ingest_jobs where attempts > 1").query(Long.class).single()).isZero();
	}

	@Test
	void onlineLookupsAreOffByDefault() {
		// Seven papers (the six and the scan, read by OCR) reach the stage, the duplicate
		// does not; nothing is sent anywhere.
		assertThat(jdbc
			.sql("select count(*) from job_stages where stage = 'lookup' and status = 'SKIPPED' "
					+ "and error = 'online lookups are off'")
			.query(Long.class)
			.single()).isEqualTo(7);
		assertThat(jdbc.sql("select count(*) from paper_field_sources where source = 'crossref'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void everyBadFileIsInQuarantineWithItsReasonAndItsBytes() throws Exception {
		Path quarantine = workspace.resolve("quarantine");
		Map<String, String> expected = Map.of("empty.pdf", "reason: empty", "notpdf.pdf", "reason: not_pdf",
				"truncated-0807.3577.pdf", "reason: truncated", "locked.pdf", "reason: encrypted");
		for (var entry : expected.entrySet()) {
			Path held = quarantine.resolve(entry.getKey());
			assertThat(held).as(entry.getKey()).exists();
			assertThat(Files.readString(quarantine.resolve(entry.getKey() + ".reason.txt"))).contains(entry.getValue());
			Path original = entry.getKey().equals("locked.pdf") ? encrypted : Corpus.bad(entry.getKey());
			assertThat(Files.mismatch(held, original)).as(entry.getKey()).isEqualTo(-1L);
		}
		assertThat(jdbc.sql("select count(*) from ingest_jobs where status = 'QUARANTINED'").query(Long.class).single())
			.isEqualTo(4);
		// An empty file is called empty, not "not a PDF".
		assertThat(jdbc.sql("select error from ingest_jobs where original_filename = 'empty.pdf'")
			.query(String.class)
			.single()).isEqualTo("empty file");
		assertThat(quarantine.resolve(SCAN)).doesNotExist();
	}

	@Test
	void theMetricsCountWhatHappened() {
		assertThat(sum("thoth.pdf.papers.processed")).isEqualTo(7);
		assertThat(sum("thoth.pdf.duplicates")).isEqualTo(1);
		for (String reason : List.of("empty", "not_pdf", "truncated", "encrypted")) {
			assertThat(replicas.stream()
				.mapToDouble((replica) -> replica.getBean(MeterRegistry.class)
					.find("thoth.pdf.quarantined")
					.tag("reason", reason)
					.counters()
					.stream()
					.mapToDouble(Counter::count)
					.sum())
				.sum()).as(reason).isEqualTo(1);
		}
		// Twelve files; each replica hashes a file at most once.
		assertThat(sum("thoth.pdf.files.seen")).isBetween(12.0, 24.0);
		assertThat(replicas.stream()
			.mapToLong((replica) -> replica.getBean(MeterRegistry.class)
				.find("thoth.pdf.stage.duration")
				.tag("stage", "chunks")
				.timers()
				.stream()
				.mapToLong(Timer::count)
				.sum())
			.sum()).isEqualTo(7);
		assertThat(replicas.getFirst().getBean(MeterRegistry.class).get("thoth.pdf.queue.depth").gauge().value())
			.isZero();
	}

	private static double sum(String counter) {
		return replicas.stream()
			.mapToDouble((replica) -> replica.getBean(MeterRegistry.class)
				.find(counter)
				.counters()
				.stream()
				.mapToDouble(Counter::count)
				.sum())
			.sum();
	}

	@Test
	void theHostileNameNeverReachedTheFileSystem() throws Exception {
		try (Stream<Path> stored = Files.list(workspace.resolve("papers"))) {
			assertThat(stored.map((path) -> path.getFileName().toString()))
				.allMatch((name) -> name.matches("[A-Za-z0-9._-]+"));
		}
	}

}
