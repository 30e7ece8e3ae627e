package dev.thoth.pdfmonitor.jobs;

import java.util.UUID;

/**
 * A job this replica holds: the file to ingest and whether it was taken over from a
 * replica whose lease ran out.
 */
public record ClaimedJob(UUID id, String contentSha256, String sourcePath, String originalFilename, int attempts,
		boolean takenOver) {
}
