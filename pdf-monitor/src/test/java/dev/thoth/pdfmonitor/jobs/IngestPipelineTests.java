package dev.thoth.pdfmonitor.jobs;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.thoth.domain.jobs.IngestJobs;
import dev.thoth.domain.jobs.ReprocessStage;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.domain.papers.PaperStatus;
import dev.thoth.testsupport.TestHashes;
import dev.thoth.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.thoth.domain.jobs.ReprocessStage.ANALYSIS;
import static dev.thoth.domain.jobs.ReprocessStage.CHUNKS;
import static dev.thoth.domain.jobs.ReprocessStage.GRAPH;
import static dev.thoth.domain.jobs.ReprocessStage.METADATA;
import static dev.thoth.domain.jobs.ReprocessStage.NOTE;
import static dev.thoth.domain.jobs.ReprocessStage.REFERENCES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The orchestrator on its own: which stages a job's start runs, how each is recorded in
 * the real queue on PostgreSQL, and what a failing stage does to the job. Its stages are
 * stand-ins that note when they ran; the real ones are exercised by the ingestion tests.
 */
@SpringBootTest(properties = { "thoth.pdf-monitor.workers=0", "thoth.pdf-monitor.scan-interval=1h" },
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
class IngestPipelineTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	private static final String OWNER = "pipeline-tests";

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-pipeline-ws");
	}

	@Autowired
	JobQueue queue;

	@Autowired
	IngestJobs jobs;

	@Autowired
	PaperRepository papers;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	private final MeterRegistry meters = new SimpleMeterRegistry();

	/** When each stand-in stage ran, in order. */
	private final List<Ran> ran = new CopyOnWriteArrayList<>();

	@Test
	void reprocessingFromAStageRunsInspectTextAndOnlyTheStagesFromItOn() throws IOException {
		Paper paper = paper();
		ClaimedJob job = claimReprocessing(paper, GRAPH);

		pipeline(Map.of()).process(job, OWNER);

		assertThat(this.ran).extracting(Ran::stage)
			.containsExactly("inspect", "text", "graph", "analysis", "note", "chunks");
		assertThat(rows(job)).extracting(Row::stage, Row::status)
			.containsExactly(row("inspect", "DONE"), row("text", "DONE"), row("graph", "DONE"), row("analysis", "DONE"),
					row("note", "DONE"), row("chunks", "DONE"));
		assertThat(jobStatus(job)).isEqualTo("DONE");
		assertThat(jobPaper(job)).isEqualTo(paper.getId());
		assertThat(this.papers.findById(paper.getId()).orElseThrow().getStatus()).isEqualTo(PaperStatus.READY);
		assertThat(this.meters.counter("thoth.pdf.papers.processed").count()).isEqualTo(1);
	}

	@Test
	void theInspectStageMayMoveTheStartAsAResumedJobDoes() throws IOException {
		Paper paper = paper();
		ClaimedJob job = claimNew();
		Stage resuming = stage("inspect", (ingest) -> {
			ingest.paper(paper);
			ingest.startFrom(NOTE);
			return StageResult.of("RESUMED", null);
		});

		pipeline(Map.of("inspect", resuming)).process(job, OWNER);

		assertThat(this.ran).extracting(Ran::stage).containsExactly("inspect", "text", "note", "chunks");
		assertThat(rows(job)).extracting(Row::stage, Row::status)
			.containsExactly(row("inspect", "RESUMED"), row("text", "DONE"), row("note", "DONE"),
					row("chunks", "DONE"));
		assertThat(jobStatus(job)).isEqualTo("DONE");
	}

	@Test
	void everyStageIsTimedWhereItRuns() throws IOException {
		Paper paper = paper();
		ClaimedJob job = claimReprocessing(paper, METADATA);

		pipeline(Map.of()).process(job, OWNER);

		List<Row> rows = rows(job);
		assertThat(rows).extracting(Row::stage)
			.containsExactly("inspect", "text", "metadata", "lookup", "references", "file", "graph", "analysis", "note",
					"chunks");
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			Instant ranAt = this.ran.get(i).at();
			assertThat(this.ran.get(i).stage()).isEqualTo(row.stage());
			// Each row spans its own stage's run (PostgreSQL keeps microseconds), and
			// none
			// overlaps the next.
			assertThat(ranAt).as(row.stage()).isBetween(row.started().minusNanos(1000), row.finished().plusNanos(1000));
			if (i > 0) {
				assertThat(row.started()).as(row.stage()).isAfterOrEqualTo(rows.get(i - 1).finished());
			}
		}
		assertThat(this.meters.get("thoth.pdf.stage.duration").tag("stage", "text").timer().count()).isEqualTo(1);
	}

	@Test
	void aFailingStageIsRecordedWithItsErrorAndFailsTheAttempt() {
		Paper paper = paper();
		ClaimedJob job = claimReprocessing(paper, METADATA);
		Stage broken = stage("references", (ingest) -> {
			throw new IllegalStateException("the reference list broke");
		});

		assertThatThrownBy(() -> pipeline(Map.of("references", broken)).process(job, OWNER))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("the reference list broke");

		assertThat(this.ran).extracting(Ran::stage)
			.containsExactly("inspect", "text", "metadata", "lookup", "references");
		assertThat(rows(job)).extracting(Row::stage, Row::status, Row::error)
			.endsWith(org.assertj.core.groups.Tuple.tuple("references", "FAILED", "the reference list broke"));
		// The worker decides about another attempt: the job is still this replica's.
		assertThat(jobStatus(job)).isEqualTo("RUNNING");
		assertThat(this.papers.findById(paper.getId()).orElseThrow().getStatus()).isNotEqualTo(PaperStatus.READY);
	}

	@Test
	void anOptionalStageFailingLeavesTheJobGoing() throws IOException {
		Paper paper = paper();
		ClaimedJob job = claimReprocessing(paper, ANALYSIS);
		Stage broken = stage("analysis", (ingest) -> {
			throw new IllegalStateException("the model answered nonsense");
		});

		pipeline(Map.of("analysis", broken)).process(job, OWNER);

		assertThat(this.ran).extracting(Ran::stage).containsExactly("inspect", "text", "analysis", "note", "chunks");
		assertThat(rows(job)).extracting(Row::stage, Row::status, Row::error)
			.contains(org.assertj.core.groups.Tuple.tuple("analysis", "FAILED", "the model answered nonsense"),
					org.assertj.core.groups.Tuple.tuple("chunks", "DONE", null));
		assertThat(jobStatus(job)).isEqualTo("DONE");
		assertThat(this.papers.findById(paper.getId()).orElseThrow().getStatus()).isEqualTo(PaperStatus.READY);
		assertThat(this.meters.counter("thoth.pdf.failures", "stage", "analysis", "reason", "IllegalStateException")
			.count()).isEqualTo(1);
	}

	@Test
	void aStageThatEndsTheJobStopsThePipelineThere() throws IOException {
		Paper paper = paper();
		ClaimedJob job = claimNew();
		Stage duplicate = stage("inspect", (ingest) -> StageResult.endJob("DUPLICATE",
				"already in the library as paper " + paper.getId(), "DONE", paper.getId(), null));

		pipeline(Map.of("inspect", duplicate)).process(job, OWNER);

		assertThat(this.ran).extracting(Ran::stage).containsExactly("inspect");
		assertThat(rows(job)).extracting(Row::stage, Row::status, Row::error)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("inspect", "DUPLICATE",
					"already in the library as paper " + paper.getId()));
		assertThat(jobStatus(job)).isEqualTo("DONE");
		assertThat(jobPaper(job)).isEqualTo(paper.getId());
		assertThat(this.meters.counter("thoth.pdf.papers.processed").count()).isZero();
	}

	/** The pipeline's order and starts, each stage a stand-in unless {@code replaced}. */
	private IngestPipeline pipeline(Map<String, Stage> replaced) {
		IngestStages stages = new IngestStages(List.of(IngestStages.always(pick("inspect", replaced)),
				IngestStages.always(pick("text", replaced)), IngestStages.from(METADATA, pick("metadata", replaced)),
				IngestStages.optional(METADATA, pick("lookup", replaced)),
				IngestStages.from(REFERENCES, pick("references", replaced)),
				IngestStages.from(REFERENCES, pick("file", replaced)),
				IngestStages.from(GRAPH, pick("graph", replaced)),
				IngestStages.optional(ANALYSIS, pick("analysis", replaced)),
				IngestStages.from(NOTE, pick("note", replaced)), IngestStages.from(CHUNKS, pick("chunks", replaced))));
		return new IngestPipeline(stages, this.queue, this.papers, this.transactions, this.meters);
	}

	private Stage pick(String name, Map<String, Stage> replaced) {
		return replaced.getOrDefault(name, stage(name, (ingest) -> {
			if (ingest.paper() == null && ingest.claimed().paperId() != null) {
				ingest.paper(this.papers.findById(ingest.claimed().paperId()).orElseThrow());
			}
			return StageResult.done();
		}));
	}

	interface Body {

		StageResult run(IngestJob job) throws IOException;

	}

	/** A stand-in stage: notes when it ran, then does what {@code body} says. */
	private Stage stage(String name, Body body) {
		return new Stage() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public StageResult run(IngestJob job) throws IOException {
				IngestPipelineTests.this.ran.add(new Ran(name, Instant.now()));
				return body.run(job);
			}

		};
	}

	private Paper paper() {
		Paper paper = new Paper(TestHashes.random());
		paper.describe("A paper the pipeline works on", List.of("A. Author"), 2020);
		paper.setStatus(PaperStatus.PROCESSING);
		return this.papers.save(paper);
	}

	private ClaimedJob claimReprocessing(Paper paper, ReprocessStage from) {
		this.jobs.reprocessOrFind(paper.getId(), paper.getContentSha256(), "/papers/stored.pdf", "stored.pdf", from);
		return claim();
	}

	private ClaimedJob claimNew() {
		this.queue.enqueue(TestHashes.random(), "/inbox/new.pdf", "new.pdf");
		return claim();
	}

	private ClaimedJob claim() {
		return this.queue.claim(OWNER, Duration.ofMinutes(5)).orElseThrow();
	}

	private String jobStatus(ClaimedJob job) {
		return this.jdbc.sql("select status from ingest_jobs where id = :id")
			.param("id", job.id())
			.query(String.class)
			.single();
	}

	private UUID jobPaper(ClaimedJob job) {
		return this.jdbc.sql("select paper_id from ingest_jobs where id = :id")
			.param("id", job.id())
			.query(UUID.class)
			.single();
	}

	private List<Row> rows(ClaimedJob job) {
		return this.jdbc.sql("""
				select stage, status, error, started_at, finished_at from job_stages where job_id = :id
				order by started_at
				""")
			.param("id", job.id())
			.query((rs, row) -> new Row(rs.getString("stage"), rs.getString("status"), rs.getString("error"),
					instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at"))))
			.list();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp.toInstant();
	}

	private static org.assertj.core.groups.Tuple row(String stage, String status) {
		return org.assertj.core.groups.Tuple.tuple(stage, status);
	}

	record Ran(String stage, Instant at) {

	}

	record Row(String stage, String status, String error, Instant started, Instant finished) {

	}

}
