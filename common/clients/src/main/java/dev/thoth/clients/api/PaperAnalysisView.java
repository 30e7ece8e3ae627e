package dev.thoth.clients.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the pipeline's analysis says about a paper: written by the configured model or by
 * the offline analyzer ({@code analyzer} says which).
 */
public record PaperAnalysisView(UUID paperId, String analyzer, String summary, List<String> keyPoints,
		List<String> methodology, List<String> results, List<String> limitations, List<String> contributions,
		List<String> tags, Instant createdAt) {
}
