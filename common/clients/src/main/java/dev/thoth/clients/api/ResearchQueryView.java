package dev.thoth.clients.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A research query as the API stores it, with every default filled in.
 *
 * @param lastRunAt when the discovery service last ran it, if ever
 * @param minRelevance the score from which a result counts as relevant (0 to 1)
 * @param autoDownload whether runs download relevant new results by themselves
 * @param lastDays the date window as a number of days back, or null
 * @param from the date window's first day, or null
 * @param to the date window's last day, or null
 */
public record ResearchQueryView(UUID id, String name, List<String> keywords, List<String> categories,
		List<String> authors, List<String> sources, Integer minYear, int maxResults, String schedule, boolean enabled,
		Instant lastRunAt, Instant createdAt, Instant updatedAt, double minRelevance, boolean autoDownload,
		Integer lastDays, LocalDate from, LocalDate to) {
}
