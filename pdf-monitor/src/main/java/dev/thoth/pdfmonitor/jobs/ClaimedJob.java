package dev.thoth.pdfmonitor.jobs;

import java.util.UUID;

/**
 * A job this replica holds: the file to ingest and whether it was taken over from a
 * replica whose lease ran out. A re-processing job names its paper and the stage to start
 * from, and its file is the paper's stored PDF, which must stay where it is.
 */
public record ClaimedJob(UUID id, String contentSha256, String sourcePath, String originalFilename, int attempts,
		boolean takenOver, UUID paperId, String reprocessFrom) {

	public boolean reprocessing() {
		return this.reprocessFrom != null;
	}

}
