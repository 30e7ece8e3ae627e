package dev.thoth.agent.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A conversation with the agent. */
public record Session(UUID id, String title, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
