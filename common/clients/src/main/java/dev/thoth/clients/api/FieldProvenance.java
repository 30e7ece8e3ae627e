package dev.thoth.clients.api;

/** Where a metadata field's value came from, and the extractor's confidence in it. */
public record FieldProvenance(String source, double confidence) {
}
