package dev.thoth.clients.api;

import java.util.UUID;

/** A tag with the number of papers that carry it. */
public record TagView(UUID id, String name, long paperCount) {
}
