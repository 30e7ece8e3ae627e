package dev.thoth.clients.api;

import java.util.List;

import org.springframework.http.ProblemDetail;

/**
 * The answer to an upload of several files: one item per {@code file} part, in the order
 * sent, each queued or refused on its own.
 *
 * @param items what became of each file
 */
public record UploadBatch(List<Item> items) {

	/**
	 * @param fileName the file's name as sent (made safe)
	 * @param status 202 when queued, else the status a single upload of it would have had
	 * (400, 413, 415)
	 * @param job the job, when queued
	 * @param problem why it was refused, when it was
	 */
	public record Item(String fileName, int status, JobAccepted job, ProblemDetail problem) {
	}

}
