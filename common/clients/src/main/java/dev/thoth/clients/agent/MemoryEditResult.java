package dev.thoth.clients.agent;

/** An edit, and the block as it is after it (null for archival edits). */
public record MemoryEditResult(MemoryEditView edit, MemoryBlockView block) {
}
