package dev.thoth.clients.api;

import java.util.UUID;

/**
 * A job the API queued (an upload, a re-processing), or the one already queued or running
 * for the same content.
 *
 * @param jobId the job
 * @param status QUEUED or RUNNING
 * @param contentSha256 the SHA-256 of the PDF
 * @param paperId the paper this content already is, or the paper re-processed; null for
 * new content
 * @param links where to follow the job
 */
public record JobAccepted(UUID jobId, String status, String contentSha256, UUID paperId, Links links) {

	/** The job's own address and its live progress. */
	public record Links(String job, String events) {

		public static Links of(UUID jobId) {
			return new Links("/api/v1/jobs/" + jobId, "/api/v1/events?jobId=" + jobId);
		}

	}

}
