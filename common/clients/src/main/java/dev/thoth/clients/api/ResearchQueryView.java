package dev.thoth.clients.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A research query as the API stores it, with every default filled in.
 *
 * @param lastRunAt when the discovery service last ran it, if ever
 */
public record ResearchQueryView(UUID id, String name, List<String> keywords, List<String> categories,
		List<String> authors, List<String> sources, Integer minYear, int maxResults, String schedule, boolean enabled,
		Instant lastRunAt, Instant createdAt, Instant updatedAt) {
}
