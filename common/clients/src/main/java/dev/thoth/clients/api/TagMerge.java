package dev.thoth.clients.api;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The tag that {@code POST /api/v1/tags/{id}/merge} moves the papers to. */
public record TagMerge(@NotNull UUID into) {
}
