package dev.thoth.clients.api;

import java.util.UUID;

/** {@code source} cites {@code target}. */
public record GraphEdge(UUID source, UUID target) {
}
