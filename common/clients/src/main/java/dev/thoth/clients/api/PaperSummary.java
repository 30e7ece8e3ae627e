package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

/** A paper as it appears in a list. */
public record PaperSummary(UUID id, String title, List<AuthorName> authors, Integer year, String doi, String status) {
}
