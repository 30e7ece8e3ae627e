package dev.thoth.clients.agent;

import java.time.Instant;
import java.util.UUID;

/** One memory edit as the agent's history keeps it. */
public record MemoryEditView(UUID id, String kind, String label, String passageId, String before, String after,
		String source, UUID reverts, UUID revertedBy, Instant createdAt) {
}
