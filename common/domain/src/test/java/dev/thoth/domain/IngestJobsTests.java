package dev.thoth.domain;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.jobs.IngestJobs;
import dev.thoth.domain.jobs.ReprocessStage;
import dev.thoth.domain.papers.Paper;
import dev.thoth.domain.papers.PaperRepository;
import dev.thoth.testsupport.TestHashes;
import dev.thoth.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared ingestion queue on a real PostgreSQL. */
@SpringBootTest(classes = IngestJobsTests.QueueApplication.class)
class IngestJobsTests {

	static final TestServers.Postgres database = TestServers.postgres().freshDatabase();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("THOTH_WORKSPACE_DIR", () -> System.getProperty("java.io.tmpdir") + "/thoth-ws");
	}

	@Autowired
	IngestJobs jobs;

	@Autowired
	PipelineEvents events;

	@Autowired
	PaperRepository papers;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSecondCopyOfActiveContentFindsTheFirstJob() {
		String hash = TestHashes.random();
		IngestJobs.ActiveJob first = this.jobs.enqueueOrFind(hash, "/inbox/a.pdf", "a.pdf");
		assertThat(first.created()).isTrue();
		assertThat(first.status()).isEqualTo("QUEUED");
		IngestJobs.ActiveJob second = this.jobs.enqueueOrFind(hash, "/inbox/b.pdf", "b.pdf");
		assertThat(second.created()).isFalse();
		assertThat(second.id()).isEqualTo(first.id());
		assertThat(second.sourcePath()).isEqualTo("/inbox/a.pdf");
		assertThat(this.jobs.enqueue(hash, "/inbox/c.pdf", "c.pdf")).isEmpty();

		this.jdbc.sql("update ingest_jobs set status = 'DONE' where id = :id").param("id", first.id()).update();
		IngestJobs.ActiveJob third = this.jobs.enqueueOrFind(hash, "/inbox/b.pdf", "b.pdf");
		assertThat(third.created()).isTrue();
		assertThat(third.id()).isNotEqualTo(first.id());
	}

	@Test
	void aReprocessingJobNamesItsPaperAndStage() {
		Paper paper = this.papers.save(new Paper(TestHashes.random()));
		IngestJobs.ActiveJob job = this.jobs.reprocessOrFind(paper.getId(), paper.getContentSha256(), "/papers/x.pdf",
				"x.pdf", ReprocessStage.ANALYSIS);
		assertThat(job.created()).isTrue();
		assertThat(this.jdbc.sql("select paper_id, reprocess_from from ingest_jobs where id = :id")
			.param("id", job.id())
			.query((rs, row) -> rs.getObject(1, UUID.class) + " " + rs.getString(2))
			.single()).isEqualTo(paper.getId() + " analysis");
		assertThat(this.jobs.active(paper.getContentSha256())).get()
			.extracting(IngestJobs.ActiveJob::reprocessFrom)
			.isEqualTo("analysis");
	}

	@Test
	void onlyThePipelinesStartingPointsAreStored() {
		assertThatThrownBy(() -> this.jdbc.sql("""
				insert into ingest_jobs (id, content_sha256, source_path, status, reprocess_from)
				values (:id, :hash, '/x.pdf', 'QUEUED', 'inspect')
				""").param("id", UUID.randomUUID()).param("hash", TestHashes.random()).update())
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(ReprocessStage.of("note")).contains(ReprocessStage.NOTE);
		assertThat(ReprocessStage.of("NOTE")).isEmpty();
		assertThat(ReprocessStage.names()).isEqualTo("metadata, references, graph, analysis, note, chunks");
		assertThat(ReprocessStage.GRAPH.runs(ReprocessStage.NOTE)).isTrue();
		assertThat(ReprocessStage.NOTE.runs(ReprocessStage.GRAPH)).isFalse();
	}

	@Test
	void aNewJobIsAnnounced() throws Exception {
		BlockingQueue<PipelineEvent> heard = new LinkedBlockingQueue<>();
		this.events.subscribe(heard::add);
		// Listening starts asynchronously: queue probes until one is heard.
		boolean listening = false;
		for (int probe = 0; probe < 75 && !listening; probe++) {
			this.jobs.enqueue(TestHashes.random(), "/inbox/probe.pdf", "probe.pdf");
			listening = heard.poll(200, TimeUnit.MILLISECONDS) != null;
		}
		assertThat(listening).as("a probe was heard").isTrue();
		UUID queued = this.jobs.enqueue(TestHashes.random(), "/inbox/d.pdf", "d.pdf").orElseThrow();
		PipelineEvent event;
		do {
			event = heard.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("the event of job " + queued).isNotNull();
		}
		while (!queued.equals(event.jobId()));
		assertThat(event.kind()).isEqualTo(PipelineEvent.Kind.QUEUED);
		assertThat(event.status()).isEqualTo("QUEUED");
		assertThat(event.paperId()).as("new content has no paper yet").isNull();

		// Content already in the library: the event names its paper from the start.
		Paper known = this.papers.save(new Paper(TestHashes.random()));
		UUID again = this.jobs.enqueue(known.getContentSha256(), "/inbox/again.pdf", "again.pdf").orElseThrow();
		do {
			event = heard.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("the event of job " + again).isNotNull();
		}
		while (!again.equals(event.jobId()));
		assertThat(event.paperId()).isEqualTo(known.getId());
	}

	/**
	 * Auto-configuration only: a component scan of dev.thoth.domain would pick up the
	 * nested event configurations before there is a data source.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class QueueApplication {

	}

}
