package dev.thoth.clients.api;

import jakarta.validation.constraints.NotNull;

/** A tag's new name for {@code PATCH /api/v1/tags/{id}}. */
public record TagRename(@NotNull String name) {
}
