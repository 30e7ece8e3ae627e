package dev.thoth.clients.api;

import java.util.UUID;

/**
 * A tag on one paper.
 *
 * @param source {@code user} (a person tagged the paper) or {@code analysis} (the paper's
 * analysis did)
 */
public record PaperTagView(UUID id, String name, String source) {
}
