package dev.thoth.clients.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One ingestion or re-processing job with its stages.
 *
 * @param id the job
 * @param status QUEUED, RUNNING, DONE, FAILED or QUARANTINED
 * @param attempts how often a monitor has taken it up
 * @param error why it failed (or why the last attempt did), else null
 * @param paperId the paper it filed or re-processed, once known
 * @param filename the file's own name, as it arrived
 * @param contentSha256 the SHA-256 of the PDF
 * @param reprocessFrom the stage a re-processing job starts from; null for an ingestion
 * @param createdAt when it was queued
 * @param updatedAt when it last changed
 * @param stages the stages run so far, in order
 * @param origin the discovery result the PDF was uploaded for, else null
 */
public record JobDetails(UUID id, String status, int attempts, String error, UUID paperId, String filename,
		String contentSha256, String reprocessFrom, Instant createdAt, Instant updatedAt, List<JobStage> stages,
		DiscoveryOrigin origin) {

	/**
	 * One stage of a job.
	 *
	 * @param stage inspect, text, metadata, lookup, references, file, graph, analysis,
	 * note or chunks
	 * @param status DONE, SKIPPED, FAILED, REJECTED, NOT_FOUND, DUPLICATE, RESUMED …
	 * @param startedAt when it started
	 * @param finishedAt when it ended
	 * @param durationMs how long it took
	 * @param message an error or a note ("OCR on 2 of 2 pages"), else null
	 */
	public record JobStage(String stage, String status, Instant startedAt, Instant finishedAt, Long durationMs,
			String message) {

	}

}
