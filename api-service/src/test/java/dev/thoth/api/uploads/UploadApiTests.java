package dev.thoth.api.uploads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.api.support.Multipart;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.DiscoveryOrigin;
import dev.thoth.clients.api.JobAccepted;
import dev.thoth.clients.api.JobsClient;
import dev.thoth.clients.api.PapersClient;
import dev.thoth.clients.api.UploadsClient;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads over real HTTP into a real workspace inbox and a real PostgreSQL: the PDF lands
 * in the inbox under a safe name with its job queued, and bad input (not a PDF, no file
 * part, hostile names, no key) is refused or defused with nothing stored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class UploadApiTests {

	static final String KEY = "upload-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	static final Path CORPUS = Path.of(System.getProperty("thoth.corpus", "../../shared/corpus"));

	@TempDir
	static Path workspace;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, workspace::toString, PORT);
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PaperRepository papers;

	@Autowired
	JsonMapper json;

	@Autowired
	UploadsClient uploads;

	@Autowired
	JobsClient jobs;

	@Autowired
	PapersClient paperClient;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Path inbox;

	@BeforeEach
	void emptyInbox() throws Exception {
		this.inbox = workspace.resolve("inbox");
		try (Stream<Path> files = Files.list(this.inbox)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		this.jdbc.sql("delete from ingest_jobs").update();
	}

	@Test
	void aPdfLandsInTheInboxUnderASafeNameWithItsJobQueued() throws Exception {
		byte[] pdf = corpus("Wang-paperAVE2008.pdf");
		HttpResponse<String> response = upload("Wang paper (2008).pdf", "application/pdf", pdf);

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode body = this.json.readTree(response.body());
		UUID job = UUID.fromString(body.get("jobId").asString());
		assertThat(body.get("status").asString()).isEqualTo("QUEUED");
		assertThat(body.get("contentSha256").asString()).isEqualTo(sha256(pdf));
		assertThat(body.get("paperId").isNull()).isTrue();
		assertThat(body.get("links").get("job").asString()).isEqualTo("/api/v1/jobs/" + job);
		assertThat(body.get("links").get("events").asString()).isEqualTo("/api/v1/events?jobId=" + job);
		assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + job);

		Path stored = this.inbox.resolve("Wang-paper-2008.pdf");
		assertThat(inboxFiles()).containsExactly("Wang-paper-2008.pdf");
		assertThat(Files.mismatch(stored, CORPUS.resolve("pdfs/Wang-paperAVE2008.pdf"))).isEqualTo(-1L);
		Map<String, Object> row = this.jdbc
			.sql("select status, content_sha256, source_path, original_filename from ingest_jobs where id = :id")
			.param("id", job)
			.query()
			.singleRow();
		assertThat(row).containsEntry("status", "QUEUED")
			.containsEntry("content_sha256", sha256(pdf))
			.containsEntry("source_path", stored.toString())
			.containsEntry("original_filename", "Wang paper (2008).pdf");
	}

	@Test
	void theSameContentAgainAnswersWithTheSameJobAndStoresNothingMore() throws Exception {
		byte[] pdf = corpus("sample.pdf");
		UUID first = jobOf(upload("sample.pdf", "application/pdf", pdf));
		HttpResponse<String> again = upload("copy of sample.pdf", "application/octet-stream", pdf);
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(jobOf(again)).isEqualTo(first);
		assertThat(inboxFiles()).containsExactly("sample.pdf");
		assertThat(this.jdbc.sql("select count(*) from ingest_jobs").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void contentAlreadyInTheLibraryNamesItsPaper() throws Exception {
		byte[] pdf = corpus("gadr.pdf");
		String hash = sha256(pdf);
		Paper paper = this.papers.findByContentSha256(hash).orElseGet(() -> this.papers.save(new Paper(hash)));
		HttpResponse<String> response = upload("gadr.pdf", "application/pdf", pdf);
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(this.json.readTree(response.body()).get("paperId").asString()).isEqualTo(paper.getId().toString());
	}

	@Test
	void aDiscoveryOriginIsRecordedOnTheJobAndShownOnItsPaper() throws Exception {
		UUID result = UUID.randomUUID();
		DiscoveryOrigin origin = new DiscoveryOrigin(result, UUID.randomUUID(), List.of("arxiv", "crossref"),
				new DiscoveryOrigin.Ids("10.1088/1475-7516/2008/10/003", "0807.3577", null, null, null, null));
		Path pdf = write(corpus("0807.3577.pdf"));
		JobAccepted accepted = this.uploads.upload(new FileSystemResource(pdf), origin);
		assertThat(accepted.status()).isEqualTo("QUEUED");
		assertThat(inboxFiles()).hasSize(1);
		assertThat(this.jobs.get(accepted.jobId()).origin()).isEqualTo(origin);

		// The PDF monitor, ending the job with its paper, carries the origin on
		// (JobQueue).
		Paper paper = this.papers.save(new Paper(accepted.contentSha256()));
		this.jdbc.sql("""
				update papers set discovery_origin = job.origin from ingest_jobs job
				where job.id = :job and papers.id = :paper
				""").param("job", accepted.jobId()).param("paper", paper.getId()).update();
		assertThat(this.paperClient.get(paper.getId()).discoveryOrigin()).isEqualTo(origin);

		// Uploaded again while its job is queued: the same job, its origin kept.
		DiscoveryOrigin other = new DiscoveryOrigin(UUID.randomUUID(), null, List.of("pubmed"), null);
		assertThat(this.uploads.upload(new FileSystemResource(pdf), other).jobId()).isEqualTo(accepted.jobId());
		assertThat(this.jobs.get(accepted.jobId()).origin()).isEqualTo(origin);
	}

	@Test
	void anInvalidOriginIsA400NamingTheFieldAndNothingIsStored() throws Exception {
		byte[] pdf = corpus("sample.pdf");
		Map<String, String> cases = Map.of("{\"queryId\": null}", "origin.resultId", "{\"resultId\": ", "origin",
				"{\"resultId\": \"" + UUID.randomUUID() + "\", \"sources\": [\"google\"]}", "origin.sources[0]",
				"{\"resultId\": \"not-a-uuid\"}", "origin", "[1, 2]", "origin");
		for (Map.Entry<String, String> example : cases.entrySet()) {
			HttpResponse<String> response = send(post(new Multipart().file("file", "sample.pdf", "application/pdf", pdf)
				.field("origin", example.getKey())).header("X-API-Key", KEY));
			assertThat(response.statusCode()).as(example.getKey()).isEqualTo(400);
			JsonNode problem = this.json.readTree(response.body());
			assertThat(problem.get("errors").get(0).get("field").asString()).as(example.getKey())
				.isEqualTo(example.getValue());
		}
		assertThat(inboxFiles()).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from ingest_jobs").query(Long.class).single()).isZero();
	}

	@Test
	void severalFilesInOneUploadEachGetTheirJobOrTheirOwnProblem() throws Exception {
		byte[] first = corpus("sample.pdf");
		byte[] second = corpus("gadr.pdf");
		Multipart form = new Multipart().file("file", "first.pdf", "application/pdf", first)
			.file("file", "not a pdf.pdf", "application/pdf", "just text".getBytes(StandardCharsets.UTF_8))
			.file("file", "second.pdf", "application/pdf", second)
			.file("file", "first again.pdf", "application/pdf", first);
		HttpResponse<String> response = send(post(form).header("X-API-Key", KEY));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
		JsonNode items = this.json.readTree(response.body()).get("items");
		assertThat(items.size()).isEqualTo(4);
		assertThat(items.get(0).get("fileName").asString()).isEqualTo("first.pdf");
		assertThat(items.get(0).get("status").asInt()).isEqualTo(202);
		assertThat(items.get(0).get("job").get("contentSha256").asString()).isEqualTo(sha256(first));
		assertThat(items.get(1).get("status").asInt()).isEqualTo(415);
		assertThat(items.get(1).get("job").isNull()).isTrue();
		assertThat(items.get(1).get("problem").get("detail").asString()).contains("not a PDF");
		assertThat(items.get(2).get("status").asInt()).isEqualTo(202);
		assertThat(items.get(2).get("job").get("contentSha256").asString()).isEqualTo(sha256(second));
		// The same content twice in one batch is one job.
		assertThat(items.get(3).get("job").get("jobId").asString())
			.isEqualTo(items.get(0).get("job").get("jobId").asString());

		assertThat(inboxFiles()).containsExactly("first.pdf", "second.pdf");
		assertThat(this.jdbc.sql("select count(*) from ingest_jobs").query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void moreFilesThanOneUploadMayCarryIsA400AndNothingIsStored() throws Exception {
		Multipart form = new Multipart();
		for (int i = 0; i <= PaperUploadsController.MAX_FILES; i++) {
			form.file("file", "tiny-" + i + ".pdf", "application/pdf", ("%PDF-1.4 " + i).getBytes());
		}
		HttpResponse<String> response = send(post(form).header("X-API-Key", KEY));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("at most " + PaperUploadsController.MAX_FILES + " files");
		assertThat(inboxFiles()).isEmpty();
	}

	@Test
	void textNamedPdfIsA415ProblemAndNothingIsStored() throws Exception {
		Path file = CORPUS.resolve("bad/notpdf.pdf");
		HttpResponse<String> response = upload(file.getFileName().toString(), "application/pdf",
				Files.readAllBytes(file));
		assertThat(response.statusCode()).as(file.toString()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("not a PDF");
		assertThat(inboxFiles()).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from ingest_jobs").query(Long.class).single()).isZero();
	}

	@Test
	void anEmptyFileIsA400SayingSoAndNothingIsStored() throws Exception {
		Path file = CORPUS.resolve("bad/empty.pdf");
		assertThat(Files.size(file)).isZero();
		HttpResponse<String> response = upload("empty.pdf", "application/pdf", Files.readAllBytes(file));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("detail").asString()).isEqualTo("The file is empty (0 bytes): nothing to ingest.");
		assertThat(problem.get("requestId").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("not a PDF");
		assertThat(inboxFiles()).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from ingest_jobs").query(Long.class).single()).isZero();
	}

	@Test
	void aRequestWithoutTheFilePartIsA400NamingIt() throws Exception {
		Multipart form = new Multipart().field("title", "no file here")
			.file("document", "a.pdf", "application/pdf", corpus("sample.pdf"));
		HttpResponse<String> response = send(post(form).header("X-API-Key", KEY));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("'file'");
		assertThat(inboxFiles()).isEmpty();
	}

	@Test
	void aBodyThatIsNotMultipartIsRefused() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/papers"))
			.header("X-API-Key", KEY)
			.header("Content-Type", "application/pdf")
			.POST(HttpRequest.BodyPublishers.ofByteArray(corpus("sample.pdf"))));
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(inboxFiles()).isEmpty();
	}

	@Test
	void withoutTheKeyItIs401AndNothingIsStored() throws Exception {
		HttpResponse<String> response = send(
				post(new Multipart().file("file", "sample.pdf", "application/pdf", corpus("sample.pdf"))));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(inboxFiles()).isEmpty();
	}

	@Test
	void hostileFileNamesNeverLeaveTheInboxNorReachTheDatabaseRaw() throws Exception {
		byte[] pdf = corpus("sample.pdf");
		List<String> hostile = List.of("../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf",
				"control\u0001\u007fchars.pdf", "x".repeat(1000) + ".pdf", "論".repeat(255) + ".pdf",
				"Über Größe — 論文.pdf", "$(reboot); rm -rf ~ `id` | cat > /tmp/x & .pdf", ".hidden.pdf", "-rf.pdf",
				"/absolute/path.pdf", "\u202Efdp.exe", "");
		int variant = 0;
		for (String name : hostile) {
			// Each a different content, so each is a new job with its own file.
			byte[] content = withTrailingComment(pdf, "variant " + (variant++));
			HttpResponse<String> response = upload(name, "application/pdf", content);
			assertThat(response.statusCode()).as(name).isEqualTo(202);
			String sourcePath = this.jdbc.sql("select source_path from ingest_jobs where id = :id")
				.param("id", jobOf(response))
				.query(String.class)
				.single();
			Path stored = Path.of(sourcePath);
			assertThat(stored.getParent()).as(name).isEqualTo(this.inbox);
			assertThat(stored.getFileName().toString()).as(name).matches("[A-Za-z0-9_][A-Za-z0-9._-]*\\.pdf");
			assertThat(stored.getFileName().toString().length()).as(name).isLessThanOrEqualTo(124);
			assertThat(Files.mismatch(stored, write(content))).isEqualTo(-1L);
		}
		assertThat(inboxFiles()).hasSize(hostile.size()).noneMatch((file) -> file.startsWith("."));
		assertThat(workspace.resolve("etc")).doesNotExist();
		assertThat(workspace.getParent().resolve("etc/passwd.pdf")).doesNotExist();
		List<String> names = this.jdbc.sql("select original_filename from ingest_jobs").query(String.class).list();
		assertThat(names).hasSize(hostile.size())
			.allSatisfy((name) -> assertThat(name).doesNotContain("/", "\\", "\u0001", "\u007f", "\u202E").isNotBlank())
			.contains("passwd.pdf", "controlchars.pdf", "Über Größe — 論文.pdf", "upload.pdf");
		assertThat(names).filteredOn((name) -> name.startsWith("xxx"))
			.singleElement()
			.satisfies((name) -> assertThat(name).hasSize(255));
		assertThat(inboxFiles()).contains("passwd.pdf", "controlchars.pdf", "Uber-Gro-e.pdf", "upload.pdf",
				"hidden.pdf", "rf.pdf");
	}

	@Test
	void aFileNameLongerThanAPartHeaderMayBeIsRefusedAndNothingIsStored() throws Exception {
		HttpResponse<String> response = upload("y".repeat(10_000) + ".pdf", "application/pdf", corpus("sample.pdf"));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(inboxFiles()).isEmpty();
	}

	@Test
	void anInboxTheServerCannotWriteIsA507ProblemAndNoJobIsQueued() throws Exception {
		// A regular file where the inbox folder was: every write into it fails, as on a
		// full disk.
		Path moved = workspace.resolve("inbox.moved");
		Files.move(this.inbox, moved);
		Files.writeString(this.inbox, "not a folder");
		HttpResponse<String> response;
		try {
			response = upload("paper.pdf", "application/pdf", corpus("sample.pdf"));
		}
		finally {
			Files.delete(this.inbox);
			Files.move(moved, this.inbox);
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(507);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("could not store the upload").doesNotContain("inbox.moved");
		assertThat(inboxFiles()).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from ingest_jobs").query(Long.class).single()).isZero();
	}

	@Test
	void aNulByteInTheFileNameIsA400ProblemAndNothingIsStored() throws Exception {
		HttpResponse<String> response = upload("nul\u0000byte.pdf", "application/pdf", corpus("sample.pdf"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(inboxFiles()).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from ingest_jobs").query(Long.class).single()).isZero();
	}

	private HttpResponse<String> upload(String filename, String contentType, byte[] content) throws Exception {
		return send(post(new Multipart().file("file", filename, contentType, content)).header("X-API-Key", KEY));
	}

	private HttpRequest.Builder post(Multipart form) {
		return HttpRequest.newBuilder(uri("/api/v1/papers"))
			.header("Content-Type", form.contentType())
			.POST(form.publisher());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + PORT + path);
	}

	private UUID jobOf(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return UUID.fromString(this.json.readTree(response.body()).get("jobId").asString());
	}

	private List<String> inboxFiles() throws Exception {
		try (Stream<Path> files = Files.list(this.inbox)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	private static byte[] corpus(String file) throws Exception {
		return Files.readAllBytes(CORPUS.resolve("pdfs").resolve(file));
	}

	private static byte[] withTrailingComment(byte[] pdf, String comment) {
		byte[] tail = ("\n%" + comment + "\n").getBytes(StandardCharsets.US_ASCII);
		byte[] content = new byte[pdf.length + tail.length];
		System.arraycopy(pdf, 0, content, 0, pdf.length);
		System.arraycopy(tail, 0, content, pdf.length, tail.length);
		return content;
	}

	private static Path write(byte[] content) throws Exception {
		Path file = Files.createTempFile("expected", ".pdf");
		Files.write(file, content);
		file.toFile().deleteOnExit();
		return file;
	}

	static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

}
