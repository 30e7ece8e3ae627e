package dev.thoth.clients.api;

import java.time.Instant;
import java.util.UUID;

/** A job in a list: {@link JobDetails} without its stages. */
public record JobSummary(UUID id, String status, int attempts, String error, UUID paperId, String filename,
		String reprocessFrom, Instant createdAt, Instant updatedAt) {
}
