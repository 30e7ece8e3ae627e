package dev.thoth.clients.agent;

/** A core memory block: its label, what it holds, and the characters it may hold. */
public record MemoryBlockView(String label, String value, int limit) {
}
