package dev.thoth.pdfmonitor.jobs;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.domain.events.PipelineEvent;
import dev.thoth.domain.events.PipelineEvents;
import dev.thoth.domain.jobs.IngestJobs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ingestion queue in PostgreSQL, shared by every PDF monitor replica: a job is
 * claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so no two replicas work on one
 * job, and a job whose replica died is taken over when its lease runs out. Every change
 * is also published as a {@link PipelineEvent} for clients that watch progress.
 */
@Component
public class JobQueue {

	private final JdbcClient jdbc;

	private final PipelineEvents events;

	private final IngestJobs jobs;

	JobQueue(JdbcClient jdbc, PipelineEvents events, IngestJobs jobs) {
		this.jdbc = jdbc;
		this.events = events;
		this.jobs = jobs;
	}

	/**
	 * Queues a file unless the same content is already queued or running; returns whether
	 * a job was added.
	 */
	public boolean enqueue(String contentSha256, String sourcePath, String originalFilename) {
		// The same SQL as the API's uploads use: one queue, one rule.
		return this.jobs.enqueue(contentSha256, sourcePath, originalFilename).isPresent();
	}

	/** Takes the oldest job that is queued, or running under a lease that ran out. */
	@Transactional
	public Optional<ClaimedJob> claim(String owner, Duration lease) {
		return this.jdbc.sql("""
				with next as (
				    select id, status from ingest_jobs
				    where status = 'QUEUED' or (status = 'RUNNING' and lease_expires_at < now())
				    order by created_at
				    limit 1
				    for update skip locked
				)
				update ingest_jobs job
				set status = 'RUNNING', lease_owner = :owner, lease_expires_at = now() + make_interval(secs => :lease),
				    attempts = job.attempts + 1, updated_at = now()
				from next
				where job.id = next.id
				returning job.id, job.content_sha256, job.source_path, job.original_filename, job.attempts,
				          next.status = 'RUNNING' as taken_over, job.paper_id, job.reprocess_from
				""")
			.param("owner", owner)
			.param("lease", (double) lease.toSeconds())
			.query((rs, row) -> new ClaimedJob(rs.getObject("id", UUID.class), rs.getString("content_sha256"),
					rs.getString("source_path"), rs.getString("original_filename"), rs.getInt("attempts"),
					rs.getBoolean("taken_over"), rs.getObject("paper_id", UUID.class), rs.getString("reprocess_from")))
			.optional();
	}

	/** Extends the lease; false when the job is no longer this replica's. */
	public boolean renew(UUID jobId, String owner, Duration lease) {
		return this.jdbc.sql("""
				update ingest_jobs set lease_expires_at = now() + make_interval(secs => :lease), updated_at = now()
				where id = :id and lease_owner = :owner and status = 'RUNNING'
				""").param("lease", (double) lease.toSeconds()).param("id", jobId).param("owner", owner).update() == 1;
	}

	/**
	 * Ends the job; only the replica holding it can. A job that failed after filing its
	 * paper still names it ({@code paperId} null: the paper of the job's content, if
	 * any).
	 */
	public boolean finish(UUID jobId, String owner, String status, UUID paperId, String error) {
		Optional<Optional<UUID>> finished = this.jdbc
			.sql("""
					update ingest_jobs set status = :status, error = :error, lease_owner = null, lease_expires_at = null,
					    updated_at = now(),
					    paper_id = coalesce(cast(:paper as uuid), (select p.id from papers p where p.content_sha256 = ingest_jobs.content_sha256))
					where id = :id and lease_owner = :owner and status = 'RUNNING'
					returning paper_id
					""")
			.param("status", status)
			.param("paper", paperId)
			.param("error", error)
			.param("id", jobId)
			.param("owner", owner)
			.query((rs, row) -> Optional.ofNullable(rs.getObject("paper_id", UUID.class)))
			.optional();
		if (finished.isEmpty()) {
			return false;
		}
		UUID paper = finished.get().orElse(null);
		if (paper != null) {
			// A PDF the discovery service found links its paper back to the discovery
			// result (the first origin wins, as for a duplicate of a paper that has one).
			this.jdbc.sql("""
					update papers set discovery_origin = job.origin from ingest_jobs job
					where job.id = :job and papers.id = :paper and job.origin is not null
					    and papers.discovery_origin is null
					""").param("job", jobId).param("paper", paper).update();
		}
		this.events.publish(PipelineEvent.finished(jobId, paper, status, error));
		return true;
	}

	/** Puts a job back for another try (or another replica) after a failure. */
	public void release(UUID jobId, String owner, String error) {
		Optional<Optional<UUID>> released = this.jdbc
			.sql("""
					update ingest_jobs set status = 'QUEUED', error = :error, lease_owner = null, lease_expires_at = null,
					    updated_at = now()
					where id = :id and lease_owner = :owner and status = 'RUNNING'
					returning coalesce(paper_id, (select p.id from papers p where p.content_sha256 = ingest_jobs.content_sha256)) as paper
					""")
			.param("error", error)
			.param("id", jobId)
			.param("owner", owner)
			.query((rs, row) -> Optional.ofNullable(rs.getObject("paper", UUID.class)))
			.optional();
		released.ifPresent((paper) -> this.events.publish(PipelineEvent.requeued(jobId, paper.orElse(null), error)));
	}

	/**
	 * Records one pipeline stage of a job: its status, timing and error. Its event names
	 * the job's paper as soon as the paper's row exists (the job's content filed, or the
	 * paper a re-processing job names).
	 */
	public void recordStage(UUID jobId, String stage, String status, Instant started, Instant finished, String error) {
		this.jdbc.sql("""
				insert into job_stages (job_id, stage, status, attempts, started_at, finished_at, error)
				values (:job, :stage, :status, 1, :started, :finished, :error)
				on conflict (job_id, stage) do update set status = excluded.status,
				    attempts = job_stages.attempts + 1, started_at = excluded.started_at,
				    finished_at = excluded.finished_at, error = excluded.error
				""")
			.param("job", jobId)
			.param("stage", stage)
			.param("status", status)
			.param("started", Timestamp.from(started))
			.param("finished", (finished != null) ? Timestamp.from(finished) : null)
			.param("error", error)
			.update();
		this.events.publish(PipelineEvent.stage(jobId, paperOf(jobId), stage, status, error));
	}

	private UUID paperOf(UUID jobId) {
		return this.jdbc
			.sql("""
					select coalesce(j.paper_id, p.id) from ingest_jobs j left join papers p on p.content_sha256 = j.content_sha256
					where j.id = :id
					""")
			.param("id", jobId)
			.query((rs, row) -> rs.getObject(1, UUID.class))
			.optional()
			.orElse(null);
	}

	/** Jobs waiting to be processed: the backlog. */
	public long queued() {
		return this.jdbc.sql("select count(*) from ingest_jobs where status = 'QUEUED'").query(Long.class).single();
	}

	public List<String> stagesOf(UUID jobId) {
		return this.jdbc.sql("select stage || ':' || status from job_stages where job_id = :id order by started_at")
			.param("id", jobId)
			.query(String.class)
			.list();
	}

}
