package dev.thoth.clients.api;

/** An author as printed on the paper. */
public record AuthorName(String name) {
}
