package dev.thoth.clients.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One paper with its metadata and, per field, where the value came from;
 * {@code discoveryOrigin} is the discovery result it was downloaded for, else null;
 * {@code retraction} its retraction, withdrawal, correction or expression of concern,
 * else null.
 */
public record PaperDetails(UUID id, String title, List<AuthorName> authors, Integer year, String doi, String arxivId,
		String venue, String abstractText, List<String> keywords, Integer pages, String status, String contentSha256,
		Map<String, FieldProvenance> provenance, Instant createdAt, Instant updatedAt, DiscoveryOrigin discoveryOrigin,
		Retraction retraction) {
}
