package dev.thoth.agent.memory;

/**
 * A core memory block.
 *
 * @param label its label, one of {@link MemoryProperties#LABELS}
 * @param value what it holds
 * @param limit the characters it may hold
 */
public record MemoryBlock(String label, String value, int limit) {

	public int chars() {
		return this.value.length();
	}

}
