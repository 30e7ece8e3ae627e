package dev.thoth.clients.api;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** When the discovery service ran a research query. */
public record LastRun(@NotNull Instant at) {
}
