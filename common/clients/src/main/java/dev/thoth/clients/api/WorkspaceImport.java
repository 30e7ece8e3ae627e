package dev.thoth.clients.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A PDF already in the workspace, to ingest as if it had been uploaded
 * ({@code POST /api/v1/papers/imports}).
 *
 * @param path relative to the workspace folder, e.g. {@code incoming/smith-2021.pdf}
 */
public record WorkspaceImport(@NotBlank @Size(max = 1000) String path) {
}
