package dev.thoth.pdfmonitor.jobs;

import java.util.UUID;

/**
 * What a stage recorded: its status ({@code DONE}, {@code SKIPPED}, {@code NOT_FOUND},
 * {@code REJECTED}, {@code DUPLICATE}, {@code RESUMED}, {@code FAILED}) and a message, or
 * null; with {@code end} set, the job ends after this stage with that status.
 */
record StageResult(String status, String message, JobEnd end) {

	static StageResult done() {
		return new StageResult("DONE", null, null);
	}

	static StageResult of(String status, String message) {
		return new StageResult(status, message, null);
	}

	/** The stage's row, then the job ends: its status, its paper (or null) and error. */
	static StageResult endJob(String status, String message, String jobStatus, UUID paperId, String jobError) {
		return new StageResult(status, message, new JobEnd(jobStatus, paperId, jobError));
	}

	record JobEnd(String status, UUID paperId, String error) {

	}

}
