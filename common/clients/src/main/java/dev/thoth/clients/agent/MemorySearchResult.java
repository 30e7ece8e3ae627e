package dev.thoth.clients.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Archival passages found by meaning, and past messages found by their words. */
public record MemorySearchResult(List<Passage> passages, List<Message> messages) {

	/** score: 0 to 1, null when the store gives none (Letta). */
	public record Passage(String id, String text, Instant createdAt, Double score) {
	}

	public record Message(UUID sessionId, String sessionTitle, String role, String text, Instant createdAt,
			double score) {
	}

}
