package dev.thoth.clients.api;

import java.util.UUID;

/** A paper in the citation graph. */
public record GraphNode(UUID id, String title, Integer year, boolean inLibrary) {
}
