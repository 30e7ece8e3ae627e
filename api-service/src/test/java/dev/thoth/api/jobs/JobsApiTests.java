package dev.thoth.api.jobs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.thoth.api.support.ApiTestSettings;
import dev.thoth.testsupport.FreePorts;
import dev.thoth.clients.api.JobAccepted;
import dev.thoth.clients.api.JobDetails;
import dev.thoth.clients.api.JobSummary;
import dev.thoth.clients.api.JobsClient;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.ReprocessRequest;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestHashes;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * Jobs and re-processing over real HTTP on a real database, through the typed client the
 * other services use: jobs as the PDF monitor records them (rows written here as it
 * writes them), and re-processing jobs queued for papers whose PDF is in the workspace.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class JobsApiTests {

	static final String KEY = "jobs-test-key-0123456789abcdef0123456789";

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	static final int PORT = FreePorts.next();

	@TempDir
	static Path workspace;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		ApiTestSettings.register(registry, database, KEY, workspace::toString, PORT);
	}

	@Autowired
	JobsClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PaperRepository papers;

	@Autowired
	JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private UUID job(String status, String filename, Instant created) {
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					insert into ingest_jobs (id, content_sha256, source_path, original_filename, status, attempts, created_at,
					    updated_at)
					values (:id, :hash, '/inbox/x.pdf', :name, :status, 1, :created, :created)
					""")
			.param("id", id)
			.param("hash", TestHashes.random())
			.param("name", filename)
			.param("status", status)
			.param("created", Timestamp.from(created))
			.update();
		return id;
	}

	private void stage(UUID job, String stage, String status, Instant started, Duration took, String message) {
		this.jdbc.sql("""
				insert into job_stages (job_id, stage, status, attempts, started_at, finished_at, error)
				values (:job, :stage, :status, 1, :started, :finished, :message)
				""")
			.param("job", job)
			.param("stage", stage)
			.param("status", status)
			.param("started", Timestamp.from(started))
			.param("finished", (took != null) ? Timestamp.from(started.plus(took)) : null)
			.param("message", message)
			.update();
	}

	@Test
	void aJobComesWithItsStagesInPipelineOrder() {
		Instant start = Instant.parse("2026-01-02T10:00:00Z");
		UUID id = job("DONE", "paper.pdf", start);
		// Recorded out of order, with the text stage's start before the inspection's.
		stage(id, "note", "DONE", start.plusSeconds(9), Duration.ofMillis(40), null);
		stage(id, "text", "DONE", start.minusMillis(5), Duration.ofMillis(1200), "OCR on 2 of 2 pages");
		stage(id, "inspect", "DONE", start, Duration.ofMillis(300), null);
		stage(id, "lookup", "SKIPPED", start.plusSeconds(2), Duration.ZERO, "online lookups are off");
		stage(id, "analysis", "FAILED", start.plusSeconds(5), null, "model timed out");

		JobDetails details = this.client.get(id);
		assertThat(details.id()).isEqualTo(id);
		assertThat(details.status()).isEqualTo("DONE");
		assertThat(details.attempts()).isEqualTo(1);
		assertThat(details.filename()).isEqualTo("paper.pdf");
		assertThat(details.createdAt()).isEqualTo(start);
		assertThat(details.stages()).extracting(JobDetails.JobStage::stage)
			.containsExactly("inspect", "text", "lookup", "analysis", "note");
		JobDetails.JobStage text = details.stages().get(1);
		assertThat(text.durationMs()).isEqualTo(1200);
		assertThat(text.message()).isEqualTo("OCR on 2 of 2 pages");
		assertThat(text.startedAt()).isEqualTo(start.minusMillis(5));
		assertThat(details.stages().get(3).durationMs()).isNull();
		assertThat(details.stages().get(3).finishedAt()).isNull();
	}

	@Test
	void anUnknownJobIsA404Problem() throws Exception {
		assertThatThrownBy(() -> this.client.get(UUID.randomUUID()))
			.isInstanceOf(HttpClientErrorException.NotFound.class);
		HttpResponse<String> raw = send(get("/api/v1/jobs/" + UUID.randomUUID()));
		assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(send(get("/api/v1/jobs/not-a-uuid")).statusCode()).isEqualTo(400);
	}

	@Test
	void jobsAreListedNewestFirstPagedAndByStatus() {
		Instant base = Instant.parse("2030-05-01T00:00:00Z");
		UUID oldest = job("FAILED", "a.pdf", base);
		UUID middle = job("QUARANTINED", "b.pdf", base.plusSeconds(60));
		UUID newest = job("FAILED", "c.pdf", base.plusSeconds(120));

		PageResponse<JobSummary> first = this.client.list(null, 0, 2);
		assertThat(first.items()).extracting(JobSummary::id).containsExactly(newest, middle);
		assertThat(first.totalItems()).isGreaterThanOrEqualTo(3);
		assertThat(first.size()).isEqualTo(2);

		PageResponse<JobSummary> failed = this.client.list("FAILED", 0, 100);
		assertThat(failed.items()).extracting(JobSummary::status).containsOnly("FAILED");
		assertThat(failed.items()).extracting(JobSummary::id).containsSubsequence(newest, oldest);
		assertThat(failed.items()).extracting(JobSummary::id).doesNotContain(middle);
	}

	@Test
	void badListParametersAre400ProblemsNamingThem() throws Exception {
		HttpResponse<String> status = send(get("/api/v1/jobs?status=LOST"));
		assertThat(status.statusCode()).isEqualTo(400);
		assertThat(status.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(status.body()).contains("status");
		HttpResponse<String> size = send(get("/api/v1/jobs?size=1000"));
		assertThat(size.statusCode()).isEqualTo(400);
		assertThat(size.body()).contains("size");
		HttpResponse<String> page = send(get("/api/v1/jobs?page=-1"));
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("page");
	}

	@Test
	void withoutTheKeyItIs401() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/jobs")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void reprocessingQueuesAJobOnTheStoredPdfNamingThePaperAndTheStage() throws Exception {
		Paper paper = storedPaper();
		JobAccepted accepted = this.client.reprocess(paper.getId(), new ReprocessRequest("analysis"));
		assertThat(accepted.status()).isEqualTo("QUEUED");
		assertThat(accepted.paperId()).isEqualTo(paper.getId());
		assertThat(accepted.contentSha256()).isEqualTo(paper.getContentSha256());
		assertThat(accepted.links().job()).isEqualTo("/api/v1/jobs/" + accepted.jobId());

		JobDetails job = this.client.get(accepted.jobId());
		assertThat(job.reprocessFrom()).isEqualTo("analysis");
		assertThat(job.paperId()).isEqualTo(paper.getId());
		assertThat(job.contentSha256()).isEqualTo(paper.getContentSha256());
		assertThat(this.jdbc.sql("select source_path from ingest_jobs where id = :id")
			.param("id", accepted.jobId())
			.query(String.class)
			.single()).isEqualTo(paper.getFilePath());

		// Asked again while it waits: the same job, not a second one.
		assertThat(this.client.reprocess(paper.getId(), new ReprocessRequest("analysis")).jobId())
			.isEqualTo(accepted.jobId());
		// From another stage while it waits: a conflict naming the job.
		HttpResponse<String> other = send(reprocess(paper.getId(), "{\"fromStage\":\"chunks\"}"));
		assertThat(other.statusCode()).isEqualTo(409);
		assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(other.body()).get("jobId").asString()).isEqualTo(accepted.jobId().toString());
	}

	@Test
	void withoutABodyEverythingIsReprocessed() throws Exception {
		Paper paper = storedPaper();
		HttpResponse<String> response = send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/papers/" + paper.getId() + "/reprocess"))
			.header("X-API-Key", KEY)
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(202);
		UUID job = UUID.fromString(this.json.readTree(response.body()).get("jobId").asString());
		assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + job);
		assertThat(this.client.get(job).reprocessFrom()).isEqualTo("metadata");
	}

	@Test
	void anUnknownStageIsA400NamingFromStage() throws Exception {
		Paper paper = storedPaper();
		for (String body : new String[] { "{\"fromStage\":\"inspect\"}", "{\"fromStage\":\"'; drop table papers;--\"}",
				"{\"fromStage\":\"METADATA\"}" }) {
			HttpResponse<String> response = send(reprocess(paper.getId(), body));
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("fromStage");
		}
		assertThat(this.jdbc.sql("select count(*) from ingest_jobs where paper_id = :id")
			.param("id", paper.getId())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.papers.count()).isPositive();
	}

	@Test
	void anUnknownPaperIs404AndOneWithoutItsPdfIs409() throws Exception {
		HttpResponse<String> unknown = send(reprocess(UUID.randomUUID(), "{}"));
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		Paper withoutFile = this.papers.save(new Paper(TestHashes.random()));
		HttpResponse<String> missing = send(reprocess(withoutFile.getId(), "{}"));
		assertThat(missing.statusCode()).isEqualTo(409);
		assertThat(missing.body()).contains("no stored PDF");
	}

	private Paper storedPaper() throws Exception {
		Path papersDirectory = Files.createDirectories(workspace.resolve("papers"));
		Path file = Files.writeString(papersDirectory.resolve(UUID.randomUUID() + ".pdf"), "%PDF-1.4\n%%EOF\n");
		Paper paper = new Paper(TestHashes.random());
		paper.describe("A stored paper", java.util.List.of("Ada Lovelace"), 1843);
		paper.setFilePath(file.toString());
		paper.setOriginalFilename("stored.pdf");
		return this.papers.save(paper);
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).header("X-API-Key", KEY);
	}

	private HttpRequest.Builder reprocess(UUID paper, String body) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/papers/" + paper + "/reprocess"))
			.header("X-API-Key", KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
