package dev.thoth.discovery.runs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run as the API shows it.
 *
 * @param runId the run
 * @param queryId the research query
 * @param trigger {@code schedule} or {@code manual}
 * @param scheduledFor the due time it ran for, for a scheduled run
 * @param status {@code queued}, {@code running}, {@code completed} or {@code failed}
 * @param attempts how often a replica took it up
 * @param error why it failed
 * @param sources what each source did
 */
public record RunView(UUID runId, UUID queryId, String trigger, Instant scheduledFor, String status, int attempts,
		String error, Instant createdAt, Instant startedAt, Instant finishedAt, List<SourceReport> sources) {
}
