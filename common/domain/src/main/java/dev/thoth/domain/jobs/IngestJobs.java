package dev.thoth.domain.jobs;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts jobs into the ingestion queue ({@code ingest_jobs}), for the PDF monitor's inbox
 * and the API's uploads and re-processing alike: the same content is never queued twice
 * while a job for it is queued or running (the partial unique index decides, so
 * concurrent writers agree), and every new job is announced as a {@code QUEUED} event.
 */
public class IngestJobs {

	/**
	 * A job that is queued or running.
	 *
	 * @param id the job
	 * @param status QUEUED or RUNNING
	 * @param created whether this call queued it, rather than finding it active
	 * @param sourcePath the file it processes
	 * @param paperId the paper, for a re-processing job
	 * @param reprocessFrom the stage a re-processing job starts from, else null
	 */
	public record ActiveJob(UUID id, String status, boolean created, String sourcePath, UUID paperId,
			String reprocessFrom) {

	}

	/** How often enqueueing is tried again when the active job ends in between. */
	private static final int ATTEMPTS = 5;

	private final JdbcClient jdbc;

	private final PipelineEvents events;

	public IngestJobs(JdbcClient jdbc, PipelineEvents events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Queues a file unless the same content is already queued or running; returns the new
	 * job's id, or empty when another job has the content.
	 */
	public Optional<UUID> enqueue(String contentSha256, String sourcePath, String originalFilename) {
		return insert(contentSha256, sourcePath, originalFilename, null, null, null).map(ActiveJob::id);
	}

	/**
	 * Queues a file, or finds the job that is already queued or running for the same
	 * content.
	 */
	public ActiveJob enqueueOrFind(String contentSha256, String sourcePath, String originalFilename) {
		return enqueueOrFind(contentSha256, sourcePath, originalFilename, null);
	}

	/**
	 * Queues a file with its origin (JSON, or null), or finds the job already queued or
	 * running for the same content and gives it the origin when it has none.
	 */
	public ActiveJob enqueueOrFind(String contentSha256, String sourcePath, String originalFilename,
			String originJson) {
		ActiveJob job = enqueueOrFind(contentSha256,
				() -> insert(contentSha256, sourcePath, originalFilename, null, null, originJson));
		if (!job.created() && originJson != null) {
			attachOrigin(job.id(), originJson);
		}
		return job;
	}

	/**
	 * Records where a job's PDF came from (JSON), unless it knows already; the PDF
	 * monitor carries it on to the paper.
	 */
	public void attachOrigin(UUID jobId, String originJson) {
		this.jdbc.sql("update ingest_jobs set origin = cast(:origin as jsonb) where id = :id and origin is null")
			.param("origin", originJson)
			.param("id", jobId)
			.update();
	}

	/**
	 * Queues the re-processing of a library paper's stored PDF from {@code from} on, or
	 * finds the job already queued or running for the same content.
	 */
	public ActiveJob reprocessOrFind(UUID paperId, String contentSha256, String storedPath, String originalFilename,
			ReprocessStage from) {
		return enqueueOrFind(contentSha256,
				() -> insert(contentSha256, storedPath, originalFilename, paperId, from.stage(), null));
	}

	/** The job queued or running for this content, if any. */
	public Optional<ActiveJob> active(String contentSha256) {
		return this.jdbc.sql("""
				select id, status, source_path, paper_id, reprocess_from from ingest_jobs
				where content_sha256 = :hash and status in ('QUEUED', 'RUNNING')
				""")
			.param("hash", contentSha256)
			.query((rs, row) -> new ActiveJob(rs.getObject("id", UUID.class), rs.getString("status"), false,
					rs.getString("source_path"), rs.getObject("paper_id", UUID.class), rs.getString("reprocess_from")))
			.optional();
	}

	private ActiveJob enqueueOrFind(String contentSha256, Supplier<Optional<ActiveJob>> insert) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Optional<ActiveJob> queued = insert.get();
			if (queued.isPresent()) {
				return queued.get();
			}
			Optional<ActiveJob> active = active(contentSha256);
			if (active.isPresent()) {
				return active.get();
			}
			// The job that refused ours ended in between: try again.
		}
		throw new IllegalStateException("could not queue content " + contentSha256 + " after " + ATTEMPTS + " tries");
	}

	private Optional<ActiveJob> insert(String contentSha256, String sourcePath, String originalFilename, UUID paperId,
			String reprocessFrom, String originJson) {
		UUID id = UUID.randomUUID();
		// The paper the content already is, if any, so that the event names it.
		Optional<Optional<UUID>> queued = this.jdbc.sql("""
				insert into ingest_jobs (id, content_sha256, source_path, original_filename, status, paper_id,
				    reprocess_from, origin)
				values (:id, :hash, :path, :name, 'QUEUED', :paper, :from, cast(:origin as jsonb))
				on conflict (content_sha256) where status in ('QUEUED', 'RUNNING') do nothing
				returning coalesce(paper_id, (select p.id from papers p where p.content_sha256 = :hash)) as paper
				""")
			.param("id", id)
			.param("hash", contentSha256)
			.param("path", sourcePath)
			.param("name", originalFilename)
			.param("paper", paperId)
			.param("from", reprocessFrom)
			.param("origin", originJson)
			.query((rs, row) -> Optional.ofNullable(rs.getObject("paper", UUID.class)))
			.optional();
		if (queued.isEmpty()) {
			return Optional.empty();
		}
		this.events.publish(PipelineEvent.queued(id, queued.get().orElse(null)));
		return Optional.of(new ActiveJob(id, "QUEUED", true, sourcePath, paperId, reprocessFrom));
	}

}
