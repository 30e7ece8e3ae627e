package dev.thoth.clients.discovery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run of a research query.
 *
 * @param trigger {@code schedule} or {@code manual}
 * @param status {@code queued}, {@code running}, {@code completed} or {@code failed}
 * @param error why it failed
 * @param sources what each source did
 */
public record DiscoveryRun(UUID runId, UUID queryId, String trigger, Instant scheduledFor, String status, int attempts,
		String error, Instant createdAt, Instant startedAt, Instant finishedAt, List<SourceReport> sources) {

	/**
	 * What one source did in the run.
	 *
	 * @param status {@code ok}, {@code failed} or {@code not_configured}
	 */
	public record SourceReport(String source, String status, int fetched, int newResults, int duplicates,
			int downloaded, List<String> errors, long rateLimitWaitMs) {
	}

	public boolean finished() {
		return "completed".equals(this.status) || "failed".equals(this.status);
	}

}
