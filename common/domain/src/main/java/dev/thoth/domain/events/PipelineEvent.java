package dev.thoth.domain.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of the ingestion pipeline as it happens, for clients that watch progress. The
 * durable record stays in {@code ingest_jobs} and {@code job_stages}; events are the live
 * feed of the same facts.
 *
 * @param kind what happened
 * @param jobId the ingest job (none for {@link Kind#CHANGED})
 * @param paperId the paper, from the moment its row exists
 * @param stage the pipeline stage, for {@link Kind#STAGE}
 * @param status the stage's or the job's status ({@code DONE}, {@code FAILED},
 * {@code QUARANTINED}, …)
 * @param message an error or a note, shortened to fit a notification
 * @param at when it happened
 */
public record PipelineEvent(Kind kind, UUID jobId, UUID paperId, String stage, String status, String message,
		Instant at) {

	/** PostgreSQL notifications carry at most 8000 bytes; events stay well below. */
	static final int MAX_MESSAGE_LENGTH = 1000;

	public PipelineEvent {
		if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
			message = message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
		}
	}

	public static PipelineEvent queued(UUID jobId) {
		return queued(jobId, null);
	}

	/** A job queued for a paper that exists (re-processing, or content already filed). */
	public static PipelineEvent queued(UUID jobId, UUID paperId) {
		return new PipelineEvent(Kind.QUEUED, jobId, paperId, null, "QUEUED", null, Instant.now());
	}

	/** A job put back for another try after a failure; its paper when it has one. */
	public static PipelineEvent requeued(UUID jobId, UUID paperId, String error) {
		return new PipelineEvent(Kind.QUEUED, jobId, paperId, null, "RETRY", error, Instant.now());
	}

	/** A stage of a job whose paper is not known (yet). */
	public static PipelineEvent stage(UUID jobId, String stage, String status, String message) {
		return stage(jobId, null, stage, status, message);
	}

	public static PipelineEvent stage(UUID jobId, UUID paperId, String stage, String status, String message) {
		return new PipelineEvent(Kind.STAGE, jobId, paperId, stage, status, message, Instant.now());
	}

	public static PipelineEvent finished(UUID jobId, UUID paperId, String status, String message) {
		return new PipelineEvent(Kind.FINISHED, jobId, paperId, null, status, message, Instant.now());
	}

	/**
	 * The library changed outside the pipeline: a paper removed, corrected or tagged (its
	 * id; none for a change to a tag that many papers carry).
	 * @param change what happened: {@code REMOVED}, {@code CORRECTED}, {@code TAGGED},
	 * {@code NOTICE} (a retraction or other notice recorded on it)
	 */
	public static PipelineEvent changed(UUID paperId, String change) {
		return new PipelineEvent(Kind.CHANGED, null, paperId, null, change, null, Instant.now());
	}

	public enum Kind {

		/** A file entered the queue. */
		QUEUED,

		/** A stage of a job ended (or was skipped). */
		STAGE,

		/** A job ended: its paper is ready, it was quarantined, or it failed. */
		FINISHED,

		/**
		 * A paper changed through the API (removed, corrected, tagged): the notes that
		 * show it are to be written again ({@code dev.thoth.domain.notes.NoteRefreshes}).
		 */
		CHANGED

	}

}
